// Setup > Identity Verification History (SPEC V2): one page of the caller's org's events (the
// client is tenant-scoped), newest first, keyset-paginated on (occurred_at, id) so the millionth
// event costs what the first does. There is no total: counting a million rows on every page view
// would cost more than the page itself.
import type { OrgDb } from "@/lib/db/tenant";
import { decodeEventCursor, encodeEventCursor, keysetWhere } from "./event-cursor";
import { eventFiltersWhere, type EventFilters } from "./event-filters";
import { EVENT_SELECT, toEventRow, type EventRow } from "./event-row";

export const EVENTS_PAGE_SIZE = 50;

export interface EventPage {
  rows: EventRow[];
  /** Cursor of the page of newer events (towards the top), or null on the first page. */
  newer: string | null;
  /** Cursor of the page of older events, or null on the last page. */
  older: string | null;
}

export async function listEvents(orgDb: OrgDb, opts: { filters?: EventFilters; older?: string; newer?: string; pageSize?: number } = {}): Promise<EventPage> {
  const pageSize = opts.pageSize ?? EVENTS_PAGE_SIZE;
  const olderThan = decodeEventCursor(opts.older);
  const newerThan = olderThan ? null : decodeEventCursor(opts.newer);
  // Walking towards newer rows reads the index upwards, then flips the page back to newest first.
  const upwards = newerThan !== null;
  const at = olderThan ?? newerThan;
  const dir = upwards ? "asc" : "desc";
  const found = await orgDb.verificationEvent.findMany({
    where: { AND: [eventFiltersWhere(opts.filters ?? {}), at ? keysetWhere(at, upwards ? "newer" : "older") : {}] },
    orderBy: [{ occurredAt: dir }, { id: dir }],
    take: pageSize + 1,
    select: EVENT_SELECT,
  });
  const hasMore = found.length > pageSize;
  const page = found.slice(0, pageSize);
  if (upwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page.map(toEventRow),
    newer: first && (upwards ? hasMore : at !== null) ? encodeEventCursor(first) : null,
    older: last && (upwards || hasMore) ? encodeEventCursor(last) : null,
  };
}
