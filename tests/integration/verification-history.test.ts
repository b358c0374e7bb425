// SPEC V1–V4: the history's filters combine, keyset pages return every event once while new
// events arrive, the detail and type-ahead stay in the org, and events cannot be changed (V4).
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { listEvents } from "@/lib/activity/list-events";
import { getEvent } from "@/lib/activity/get-event";
import { suggestUsers, getUserSuggestion } from "@/lib/activity/suggest-users";
import { parseEventFilters, type EventFilters } from "@/lib/activity/event-filters";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
let acmeId: string;
let globexId: string;
const BASE_MS = Date.parse("2026-03-01T00:00:00Z");

/** Every event of an org, newest first, as ids: the reference the lib queries are checked against. */
async function expected(where: string, params: unknown[] = []): Promise<string[]> {
  const rows = await t.sql<{ id: string }>(`SELECT id::text AS id FROM verification_events WHERE ${where} ORDER BY occurred_at DESC, id DESC`, params);
  return rows.map((r) => r.id);
}

async function walk(orgId: string, filters: EventFilters, pageSize = 7, between?: () => Promise<void>): Promise<string[]> {
  const db = forOrg(t.db, orgId);
  const ids: string[] = [];
  let page = await listEvents(db, { filters, pageSize });
  ids.push(...page.rows.map((r) => r.id));
  while (page.older) {
    await between?.();
    page = await listEvents(db, { filters, pageSize, older: page.older });
    ids.push(...page.rows.map((r) => r.id));
  }
  return ids;
}

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  acmeId = demo.orgs.acme!.id;
  globexId = demo.orgs.globex!.id;
  const alice = demo.users["alice@acme.test"]!.id;
  const bob = demo.users["bob@acme.test"]!.id;
  const admin = demo.users["admin@acme.test"]!.id;
  // 240 Acme events over 10 days, cycling users, kinds, methods and statuses; equal timestamps
  // in pairs on purpose, so ties are broken by id. Plus Globex noise at the same times.
  await t.sql(
    `INSERT INTO verification_events (org_id, user_id, username, actor_id, activity, method, status, reason, ip, user_agent, detail, occurred_at)
     SELECT $1::uuid,
            (ARRAY[$2, $3, NULL])[1 + i % 3]::uuid,
            (ARRAY['alice@acme.test', 'bob@acme.test', 'ghost@acme.test'])[1 + i % 3],
            CASE WHEN i % 10 = 0 THEN $4::uuid END,
            (ARRAY['LOGIN', 'STEP_UP', 'MFA_RESET', 'TEMP_CODE_GENERATED'])[1 + i % 4]::"ActivityKind",
            (ARRAY['TOTP', 'WEBAUTHN', 'PASSWORD', NULL, 'TEMP_CODE'])[1 + i % 5]::"VerificationMethod",
            (ARRAY['SUCCEEDED', 'FAILED', 'PENDING'])[1 + i % 3 % 2 + (i % 7 = 0)::int]::"EventStatus",
            CASE WHEN i % 3 % 2 = 1 THEN 'INVALID_CODE' END,
            '198.51.100.' || (i % 250),
            'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
            jsonb_build_object('n', i),
            to_timestamp($5::double precision / 1000) + ((i / 2) * interval '1 hour')
       FROM generate_series(1, 240) AS i`,
    [acmeId, alice, bob, admin, BASE_MS],
  );
  await t.sql(
    `INSERT INTO verification_events (org_id, user_id, activity, method, status, occurred_at)
     SELECT $1::uuid, $2::uuid, 'LOGIN', 'TOTP', 'FAILED', to_timestamp($3::double precision / 1000) + (i * interval '1 hour')
       FROM generate_series(1, 120) AS i`,
    [globexId, demo.users["admin@globex.test"]!.id, BASE_MS],
  );
});
afterAll(() => t?.close());

describe("history filters", () => {
  it("each filter alone and all of them together match the same rows as plain SQL", async () => {
    const alice = demo.users["alice@acme.test"]!.id;
    const inRange = "occurred_at >= '2026-03-02T00:00:00Z' AND occurred_at < '2026-03-05T00:00:00Z'";
    const cases: [EventFilters, string, unknown[]][] = [
      [{}, "org_id = $1", [acmeId]],
      [{ user: alice }, "org_id = $1 AND user_id = $2", [acmeId, alice]],
      [{ activity: "STEP_UP" }, "org_id = $1 AND activity = 'STEP_UP'", [acmeId]],
      [{ method: "WEBAUTHN" }, "org_id = $1 AND method = 'WEBAUTHN'", [acmeId]],
      [{ status: "FAILED" }, "org_id = $1 AND status = 'FAILED'", [acmeId]],
      [{ from: "2026-03-02", to: "2026-03-04", tz: "UTC" }, `org_id = $1 AND ${inRange}`, [acmeId]],
      [
        { user: alice, activity: "LOGIN", status: "SUCCEEDED", from: "2026-03-02", to: "2026-03-04" },
        `org_id = $1 AND user_id = $2 AND activity = 'LOGIN' AND status = 'SUCCEEDED' AND ${inRange}`,
        [acmeId, alice],
      ],
      [{ method: "TOTP", status: "FAILED" }, "org_id = $1 AND method = 'TOTP' AND status = 'FAILED'", [acmeId]],
    ];
    for (const [filters, where, params] of cases) {
      const want = await expected(where, params);
      expect(want.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(await walk(acmeId, filters), JSON.stringify(filters)).toEqual(want);
    }
  });

  it("reads from/to as whole days in the viewer's time zone", async () => {
    // In Tokyo (UTC+9) 2 March is 1 March 15:00 UTC up to 2 March 15:00 UTC.
    const want = await expected("org_id = $1 AND occurred_at >= '2026-03-01T15:00:00Z' AND occurred_at < '2026-03-02T15:00:00Z'", [acmeId]);
    expect(want.length).toBe(48);
    expect(await walk(acmeId, { from: "2026-03-02", to: "2026-03-02", tz: "Asia/Tokyo" })).toEqual(want);
  });

  it("drops malformed URL parameters instead of failing", () => {
    expect(parseEventFilters({ user: "nope", activity: "HACK", status: "FAILED", from: "2026-13-45", tz: "Mars/Olympus", to: ["a", "b"] })).toEqual({
      status: "FAILED",
    });
  });
});

describe("history pagination", () => {
  it("returns every event once across pages while new events arrive, and walks back the same pages", async () => {
    const before = await expected("org_id = $1", [acmeId]);
    let added = 0;
    const ids = await walk(acmeId, {}, 13, async () => {
      added++;
      await t.db.verificationEvent.create({ data: { orgId: acmeId, activity: "LOGIN", status: "SUCCEEDED" } });
    });
    expect(added).toBeGreaterThan(10);
    expect(ids).toEqual(before);

    const db = forOrg(t.db, acmeId);
    const first = await listEvents(db, { pageSize: 13 });
    expect(first.newer).toBeNull();
    const second = await listEvents(db, { pageSize: 13, older: first.older! });
    const third = await listEvents(db, { pageSize: 13, older: second.older! });
    const back = await listEvents(db, { pageSize: 13, newer: third.newer! });
    expect(back.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    const top = await listEvents(db, { pageSize: 13, newer: back.newer! });
    expect(top.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(top.newer).toBeNull();
  });

  it("labels what it shows: activity, method, status with reason, browser, acting admin", async () => {
    const page = await listEvents(forOrg(t.db, acmeId), { filters: { status: "FAILED", activity: "MFA_RESET" }, pageSize: 50 });
    const row = page.rows.find((r) => r.actorName && r.reasonLabel)!;
    expect(row).toMatchObject({
      activityLabel: "MFA reset",
      statusLabel: "Failed",
      reasonLabel: "Invalid code",
      browser: "Chrome 131 on macOS",
      actorName: "Ada Admin",
    });
  });
});

describe("history tenant isolation (T1)", () => {
  it("a Globex caller finds no Acme event by listing, filtering by an Acme user, or by id", async () => {
    const globex = forOrg(t.db, globexId);
    const all = await walk(globexId, {}, 50);
    expect(all).toEqual(await expected("org_id = $1", [globexId]));
    expect(await walk(globexId, { user: demo.users["alice@acme.test"]!.id })).toEqual([]);
    const [acmeEvent] = await expected("org_id = $1", [acmeId]);
    expect(await getEvent(globex, { eventId: acmeEvent! })).toBeNull();
    expect(await getEvent(forOrg(t.db, acmeId), { eventId: acmeEvent! })).not.toBeNull();
    expect(await getEvent(globex, { eventId: "not-a-number" })).toBeNull();
  });

  it("the user type-ahead suggests only the caller's org's users", async () => {
    const globex = forOrg(t.db, globexId);
    expect(await suggestUsers(globex, { query: "alice" })).toEqual([]);
    expect((await suggestUsers(globex, { query: "test" })).map((u) => u.username)).toEqual(["admin@globex.test"]);
    expect(await getUserSuggestion(globex, { userId: demo.users["alice@acme.test"]!.id })).toBeNull();
    const acme = await suggestUsers(forOrg(t.db, acmeId), { query: "ACME" });
    expect(acme.length).toBe(6);
    expect(acme.every((u) => u.username.endsWith("@acme.test"))).toBe(true);
  });
});

describe("append-only (V4) through Prisma", () => {
  it("refuses update and delete of an event through the Prisma client too", async () => {
    const [id] = await expected("org_id = $1", [acmeId]);
    await expect(t.db.verificationEvent.update({ where: { id: BigInt(id!) }, data: { status: "FAILED" } })).rejects.toThrow(/append-only/);
    await expect(t.db.verificationEvent.delete({ where: { id: BigInt(id!) } })).rejects.toThrow(/append-only/);
    await expect(t.db.verificationEvent.deleteMany({ where: { orgId: acmeId } })).rejects.toThrow(/append-only/);
    expect(await expected("id = $1", [id])).toEqual([id]);
  });
});
