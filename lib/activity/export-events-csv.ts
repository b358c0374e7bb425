// CSV export of the filtered history (SPEC V3). Rows are read from Postgres in keyset batches as
// the client consumes the stream (pull-based: a slow download stops the reads), so memory stays
// flat whether the view has 50 rows or a million. The export is itself an event, written once
// the first batch was really read — not for an export that failed to start — with the filters it
// used; the row count is not known then and the table is append-only (V4), so it is not recorded.
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "./record-event";
import { csvRecord } from "./csv";
import { keysetWhere, type EventCursor } from "./event-cursor";
import { eventFiltersWhere, type EventFilters } from "./event-filters";
import { EVENT_SELECT, toEventRow, type EventRow } from "./event-row";

export const CSV_BATCH_ROWS = 1000;

export const CSV_HEADER = [
  "Time (UTC)",
  "User",
  "Username",
  "Activity",
  "Method",
  "Status",
  "Failure reason",
  "Source IP",
  "Browser",
  "User agent",
  "Acting admin",
  "Detail",
  "Event ID",
] as const;

function csvLine(r: EventRow): string {
  return csvRecord([
    r.occurredAt.toISOString(),
    r.userName,
    r.username,
    r.activityLabel,
    r.methodLabel,
    r.statusLabel,
    r.reasonLabel,
    r.ip,
    r.browser,
    r.userAgent,
    r.actorName,
    r.detail === null ? null : JSON.stringify(r.detail),
    r.id,
  ]);
}

/** Yields the CSV text batch by batch: the header, then one chunk per CSV_BATCH_ROWS rows. */
export async function* eventCsvChunks(orgDb: OrgDb, opts: { filters: EventFilters; batchRows?: number }): AsyncGenerator<string> {
  const batchRows = opts.batchRows ?? CSV_BATCH_ROWS;
  const filtered = eventFiltersWhere(opts.filters);
  yield csvRecord(CSV_HEADER);
  let at: EventCursor | null = null;
  for (;;) {
    const batch: Awaited<ReturnType<typeof fetchBatch>> = await fetchBatch(orgDb, filtered, at, batchRows);
    if (batch.length === 0) return;
    yield batch.map((e) => csvLine(toEventRow(e))).join("");
    if (batch.length < batchRows) return;
    const last = batch.at(-1)!;
    at = { occurredAt: last.occurredAt, id: last.id };
  }
}

function fetchBatch(orgDb: OrgDb, filtered: ReturnType<typeof eventFiltersWhere>, at: EventCursor | null, take: number) {
  return orgDb.verificationEvent.findMany({
    where: { AND: [filtered, at ? keysetWhere(at, "older") : {}] },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
    select: EVENT_SELECT,
  });
}

/** Reads the first batch, records the export, then returns the CSV as a stream that reads a batch per pull. */
export async function exportEventsCsv(
  orgDb: OrgDb,
  opts: { orgId: string; actor: { id: string; username: string }; filters: EventFilters; context: RequestContext; batchRows?: number },
): Promise<ReadableStream<Uint8Array>> {
  const chunks = eventCsvChunks(orgDb, { filters: opts.filters, batchRows: opts.batchRows });
  // The header, then the first batch: a query that fails does so here, before any event.
  const started = [await chunks.next(), await chunks.next()].flatMap((c) => (c.done ? [] : [c.value]));
  await recordEvent(orgDb, {
    orgId: opts.orgId,
    userId: opts.actor.id,
    username: opts.actor.username,
    actorId: opts.actor.id,
    activity: "HISTORY_EXPORTED",
    status: "SUCCEEDED",
    context: opts.context,
    detail: { filters: { ...opts.filters }, format: "csv" },
  });
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const ready = started.shift();
      if (ready !== undefined) return controller.enqueue(encoder.encode(ready));
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
