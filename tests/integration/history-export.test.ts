// SPEC V3: the CSV export is exactly the filtered view, streams 50,000 events in flat memory,
// neutralises formula injection, never leaves the caller's org, and is itself an event.
import "../helpers/env";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { parseCsv } from "../helpers/parse-csv";
import { forOrg } from "@/lib/db/tenant";
import { exportEventsCsv, CSV_HEADER } from "@/lib/activity/export-events-csv";
import type { EventFilters } from "@/lib/activity/event-filters";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
let acmeId: string;
let globexId: string;
const BULK_EVENTS = 50_000;
const ctx = { ip: "203.0.113.9", userAgent: "vitest" };
// A full collection before each sample, so the figure is what the export keeps alive (V8 would
// otherwise let garbage pile up and the peak would say nothing about what is retained).
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const liveHeapBytes = () => (collectGarbage(), process.memoryUsage().heapUsed);

async function exportAs(orgId: string, username: string, filters: EventFilters): Promise<ReadableStream<Uint8Array>> {
  const actor = demo.users[username]!;
  return exportEventsCsv(forOrg(t.db, orgId), { orgId, actor: { id: actor.id, username }, filters, context: ctx });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  acmeId = demo.orgs.acme!.id;
  globexId = demo.orgs.globex!.id;
});
afterAll(() => t?.close());

describe("history CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas, and quotes per RFC 4180", async () => {
    const alice = demo.users["alice@acme.test"]!;
    for (const typed of ['=HYPERLINK("http://evil.test","x")', "+1+1", "-2", "@SUM(A1)", "\t=1"]) {
      await t.db.verificationEvent.create({
        data: {
          orgId: acmeId,
          username: typed,
          activity: "LOGIN",
          method: "PASSWORD",
          status: "FAILED",
          reason: "INVALID_CREDENTIALS",
          userAgent: 'agent, with "quotes"\r\nand a newline',
        },
      });
    }
    await t.db.verificationEvent.create({
      data: {
        orgId: acmeId,
        userId: alice.id,
        activity: "MFA_RESET",
        status: "SUCCEEDED",
        detail: { reason: "=cmd|' /C calc'!A0", secretToken: "must-not-leak" },
      },
    });
    const rows = parseCsv(await readAll(await exportAs(acmeId, "support@acme.test", { activity: "LOGIN", status: "FAILED" })));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    const usernames = rows.slice(1).map((r) => r[2]);
    expect(usernames).toEqual(["'\t=1", "'@SUM(A1)", "'-2", "'+1+1", '\'=HYPERLINK("http://evil.test","x")']);
    expect(rows.slice(1).every((r) => r[9] === 'agent, with "quotes"\r\nand a newline' && r[6] === "Invalid username or password")).toBe(true);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const reset = parseCsv(await readAll(await exportAs(acmeId, "support@acme.test", { activity: "MFA_RESET" })));
    expect(reset).toHaveLength(2);
    expect(reset[1]![1]).toBe("Alice Anders");
    const detail = JSON.parse(reset[1]![11]!);
    expect(detail).toEqual({ reason: "=cmd|' /C calc'!A0", secretToken: "[redacted]" });
  });

  it("records the export as an event with its filters", async () => {
    const support = demo.users["support@acme.test"]!;
    await readAll(await exportAs(acmeId, "support@acme.test", { status: "PENDING", user: support.id }));
    const last = await t.db.verificationEvent.findFirstOrThrow({ where: { orgId: acmeId, activity: "HISTORY_EXPORTED" }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ userId: support.id, actorId: support.id, status: "SUCCEEDED", ip: "203.0.113.9" });
    expect(last.detail).toEqual({ format: "csv", filters: { status: "PENDING", user: support.id } });
  });

  it("never exports another org's events, whatever the filters say", async () => {
    const alice = demo.users["alice@acme.test"]!;
    // Read before: the export's own event is written once it runs, after its first batch.
    const globexIds = await t.sql<{ id: string }>("SELECT id::text AS id FROM verification_events WHERE org_id = $1 ORDER BY occurred_at DESC, id DESC", [
      globexId,
    ]);
    const rows = parseCsv(await readAll(await exportAs(globexId, "admin@globex.test", {})));
    const ids = rows.slice(1).map((r) => r[12]);
    expect(ids).toEqual(globexIds.map((r) => r.id));
    expect(rows.slice(1).every((r) => !r.join(",").includes("acme"))).toBe(true);
    expect(parseCsv(await readAll(await exportAs(globexId, "admin@globex.test", { user: alice.id })))).toHaveLength(1);
  });

  it("records an export only once it really runs: one that fails to start leaves no event", async () => {
    const exports = () => t.db.verificationEvent.count({ where: { orgId: acmeId, activity: "HISTORY_EXPORTED" } });
    const before = await exports();
    // A filter the schema would refuse (far date), passed straight to the lib: the query fails.
    await expect(exportAs(acmeId, "support@acme.test", { to: "9999-12-31" })).rejects.toThrow();
    expect(await exports()).toBe(before);
    await readAll(await exportAs(acmeId, "support@acme.test", {}));
    expect(await exports()).toBe(before + 1);
  });

  it(`streams ${BULK_EVENTS.toLocaleString("en-US")} events in batches with flat memory`, async () => {
    const alice = demo.users["alice@acme.test"]!;
    // ~1 KB per row on purpose: the whole CSV (~47 MB, twice that as JS strings) would blow the bound.
    await t.sql(
      `INSERT INTO verification_events (org_id, user_id, activity, method, status, ip, user_agent, detail, occurred_at)
       SELECT $1::uuid, $2::uuid, 'STEP_UP', 'TOTP', 'SUCCEEDED', '192.0.2.1', 'Mozilla/5.0 ' || repeat('x', 500),
              jsonb_build_object('n', i, 'note', repeat('y', 300)), now() - i * interval '1 second'
         FROM generate_series(1, $3::int) AS i`,
      [acmeId, alice.id, BULK_EVENTS],
    );
    // One export first: the pool's connections grow their read buffers to a batch's size once
    // (bounded by the pool, not by the rows); the second export shows what rows cost.
    await readAll(await exportAs(acmeId, "support@acme.test", { activity: "STEP_UP" }));
    const reader = (await exportAs(acmeId, "support@acme.test", { activity: "STEP_UP" })).getReader();
    const decoder = new TextDecoder();
    const baseline = liveHeapBytes();
    let peakDelta = 0;
    let chunks = 0;
    let lines = 0;
    let bytes = 0;
    let carry = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      const text = carry + decoder.decode(value, { stream: true });
      const parts = text.split("\r\n");
      carry = parts.pop()!;
      lines += parts.length;
      if (++chunks % 5 === 0) peakDelta = Math.max(peakDelta, liveHeapBytes() - baseline);
    }
    expect(lines).toBe(BULK_EVENTS + 1); // header + every row
    expect(bytes).toBeGreaterThan(45 * 1024 * 1024);
    // Holding the export would keep > 90 MB alive; a batch of 1,000 rows is about 2 MB.
    expect(chunks).toBeGreaterThanOrEqual(BULK_EVENTS / 1000);
    expect(peakDelta).toBeLessThan(12 * 1024 * 1024);
    console.log(`[export] ${lines - 1} rows, ${(bytes / 1048576).toFixed(1)} MB CSV, peak live heap growth ${(peakDelta / 1048576).toFixed(1)} MB`);
  }, 120_000);
});
