// Issue 12: user ids in an event's detail (export filters, a request's requester) read as names,
// resolved in one query per page through the tenant-scoped client — so another org's user, like
// an id that names nobody, reads "Unknown user" and its name never crosses orgs.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { forOrg, type OrgDb } from "@/lib/db/tenant";
import { recordEvent } from "@/lib/activity/record-event";
import { exportEventsCsv } from "@/lib/activity/export-events-csv";
import { listEvents } from "@/lib/activity/list-events";
import { getEvent } from "@/lib/activity/get-event";
import { describeEvents } from "@/lib/activity/describe-events";
import { UNKNOWN_USER } from "@/lib/activity/describe-detail";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
let acme: OrgDb;
const NOBODY = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  acme = forOrg(t.db, demo.orgs.acme!.id);
  const admin = demo.users["admin@acme.test"]!;
  const exportWith = async (user: string) => {
    const stream = await exportEventsCsv(acme, { orgId: admin.orgId, actor: admin, filters: { user, status: "FAILED" }, context: ctx });
    await stream.cancel();
  };
  await exportWith(demo.users["alice@acme.test"]!.id);
  await exportWith(demo.users["admin@globex.test"]!.id); // a uuid of another org: the filter accepts any uuid
  await exportWith(NOBODY);
  await recordEvent(t.db, {
    orgId: admin.orgId,
    userId: demo.users["bob@acme.test"]!.id,
    actorId: admin.id,
    activity: "MFA_RESET_DECIDED",
    status: "SUCCEEDED",
    detail: { requestId: NOBODY, action: "RESET_MFA", requestedById: demo.users["delegate@acme.test"]!.id, reason: "Lost phone", decision: "denied" },
  });
});
afterAll(() => t?.close());

/** The tenant-scoped client, counting the user reads describeEvents makes. */
function counting(db: OrgDb) {
  let reads = 0;
  const wrapped = { user: { findMany: (args: Parameters<OrgDb["user"]["findMany"]>[0]) => (reads++, db.user.findMany(args)) } } as unknown as OrgDb;
  return { db: wrapped, reads: () => reads };
}

describe("names instead of ids in the history's detail", () => {
  it("a page names its org's users in one query; another org's user and a made-up id are unknown", async () => {
    const page = await listEvents(acme, { filters: { activity: "HISTORY_EXPORTED" } });
    const reader = counting(acme);
    const rows = await describeEvents(reader.db, page.rows);
    expect(reader.reads()).toBe(1);
    const filters = rows.map((r) => r.detailParts.find((p) => p.label === "Filters")?.text);
    // Newest first: the made-up id, the Globex admin, Alice.
    expect(filters).toEqual([
      `User = ${UNKNOWN_USER}, Status = Failed`,
      `User = ${UNKNOWN_USER}, Status = Failed`,
      "User = Alice Anders (alice@acme.test), Status = Failed",
    ]);
    const shown = JSON.stringify(rows.map((r) => r.detailParts));
    expect(shown).not.toContain("Gus Globex");
    expect(shown).not.toContain(demo.users["admin@globex.test"]!.id);
  });

  it("the event page names the requester of a denied request", async () => {
    const [latest] = (await listEvents(acme, { filters: { activity: "MFA_RESET_DECIDED" } })).rows;
    const [row] = await describeEvents(acme, [(await getEvent(acme, { eventId: latest!.id }))!]);
    expect(row!.detailParts.map((p) => `${p.label}: ${p.text}`)).toEqual([
      "Request: Reset MFA",
      "Requested by: Dee Delegate (delegate@acme.test)",
      "Decision: Denied",
      "Reason: Lost phone",
    ]);
  });

  it("a page without user ids reads no users at all", async () => {
    const page = await listEvents(acme, { filters: { activity: "LOGIN" } });
    const reader = counting(acme);
    await describeEvents(reader.db, page.rows);
    expect(reader.reads()).toBe(0);
  });
});
