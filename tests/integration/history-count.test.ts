// The history's result count (issue 12): exact up to 10,000, then "10,000+"; with the filters of
// the page, only the caller's org, and a query that stops at the cap instead of counting them all.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { countEvents, eventCountText, EVENTS_COUNT_CAP } from "@/lib/activity/count-events";

let t: TestDb;
let acmeId: string;
let globexId: string;

beforeAll(async () => {
  t = await createMigratedDb();
  const demo = await seed(t.db);
  acmeId = demo.orgs.acme!.id;
  globexId = demo.orgs.globex!.id;
  // Acme: 10,005 events (5 failed logins among them); Globex: 3, which Acme must never count.
  await t.sql(
    `INSERT INTO verification_events (org_id, activity, status, occurred_at)
     SELECT $1::uuid, 'LOGIN', CASE WHEN i <= 5 THEN 'FAILED' ELSE 'SUCCEEDED' END::"EventStatus", now() - i * interval '1 second'
     FROM generate_series(1, $2::int) AS i`,
    [acmeId, EVENTS_COUNT_CAP + 5],
  );
  await t.sql(`INSERT INTO verification_events (org_id, activity, status) SELECT $1::uuid, 'LOGIN', 'FAILED' FROM generate_series(1, 3)`, [globexId]);
}, 120_000);

afterAll(() => t?.close());

describe("countEvents", () => {
  it("stops at the cap and says there are more", async () => {
    const all = await countEvents(forOrg(t.db, acmeId));
    expect(all).toEqual({ count: EVENTS_COUNT_CAP, atLeast: true });
    expect(eventCountText(all)).toBe("10,000+ events");
  });

  it("is exact under the cap, with the page's filters, in the caller's org only", async () => {
    const failed = async (orgId: string) =>
      Number((await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM verification_events WHERE org_id = $1 AND status = 'FAILED'`, [orgId]))[0]!.n);
    expect(await failed(acmeId)).toBeGreaterThanOrEqual(5);
    expect(await countEvents(forOrg(t.db, acmeId), { filters: { status: "FAILED" } })).toEqual({ count: await failed(acmeId), atLeast: false });
    expect(await countEvents(forOrg(t.db, globexId), { filters: { status: "FAILED" } })).toEqual({ count: await failed(globexId), atLeast: false });
    expect(eventCountText({ count: 1, atLeast: false })).toBe("1 event");
  });
});
