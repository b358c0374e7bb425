// Issue 12: an admin revokes one session of a user; the user's other sessions stay. The session
// must be that user's, in the admin's org, and live — a replayed id, another user's or another
// org's session changes nothing and writes no event. The change and its event commit together.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { usePglite } from "../helpers/pg";
import { ctx, seed } from "../helpers/demo";
import { sessionFor } from "../helpers/sessions";
import { forOrg } from "@/lib/db/tenant";
import { revokeUserSession } from "@/lib/users/revoke-user-session";
import { describeDetail } from "@/lib/activity/describe-detail";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const user = (name: string) => demo.users[name]!;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

function revoke(opts: { org?: string; actor?: string; target: string; sessionId: string }) {
  const admin = user(opts.actor ?? "admin@acme.test");
  const orgId = demo.orgs[opts.org ?? "acme"]!.id;
  return revokeUserSession({
    orgDb: forOrg(t.db, orgId),
    orgId,
    actor: { id: admin.id },
    targetUserId: user(opts.target).id,
    sessionId: opts.sessionId,
    context: ctx,
  });
}

const revokeEvents = () => t.db.verificationEvent.count({ where: { activity: "SESSION_REVOKED" } });
const isLive = async (id: string) => (await t.db.session.findUniqueOrThrow({ where: { id } })).revokedAt === null;

describe("revoking one session of a user", () => {
  it("ends that session only, with an event naming the browser and how it was opened", async () => {
    const alice = user("alice@acme.test");
    const [laptop, phone] = [await sessionFor(t.db, alice, { level: "HIGH_ASSURANCE" }), await sessionFor(t.db, alice)];
    expect(await revoke({ target: "alice@acme.test", sessionId: laptop.id })).toEqual({ ok: true });
    expect(await isLive(laptop.id)).toBe(false);
    expect(await isLive(phone.id)).toBe(true);
    const event = await t.db.verificationEvent.findFirstOrThrow({ where: { activity: "SESSION_REVOKED", userId: alice.id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({
      actorId: user("admin@acme.test").id,
      status: "SUCCEEDED",
      detail: { sessionId: laptop.id, loginMethod: "TOTP", ip: ctx.ip },
    });
    expect(describeDetail({ activity: event.activity, detail: event.detail }).map((p) => `${p.label}: ${p.text}`)).toEqual([
      "Browser: Unknown browser",
      "IP address: 203.0.113.7",
      "Logged in with: Password + authenticator app",
    ]);
  });

  it("a replay of the same revocation finds nothing and writes nothing", async () => {
    const alice = user("alice@acme.test");
    const s = await sessionFor(t.db, alice);
    expect(await revoke({ target: "alice@acme.test", sessionId: s.id })).toEqual({ ok: true });
    const before = await revokeEvents();
    expect(await revoke({ target: "alice@acme.test", sessionId: s.id })).toEqual({ ok: false, code: "SESSION_NOT_FOUND" });
    expect(await revokeEvents()).toBe(before);
  });

  it.skipIf(usePglite)("of 10 concurrent revocations of one session, exactly one ends it and writes the event", async () => {
    const alice = user("alice@acme.test");
    const s = await sessionFor(t.db, alice);
    const before = await revokeEvents();
    const results = await Promise.all(Array.from({ length: 10 }, () => revoke({ target: "alice@acme.test", sessionId: s.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, code: "SESSION_NOT_FOUND" }));
    expect(await revokeEvents()).toBe(before + 1);
    expect(await isLive(s.id)).toBe(false);
  });

  it("another user's session, named as this user's, is not found and stays", async () => {
    const bobs = await sessionFor(t.db, user("bob@acme.test"));
    const before = await revokeEvents();
    expect(await revoke({ target: "alice@acme.test", sessionId: bobs.id })).toEqual({ ok: false, code: "SESSION_NOT_FOUND" });
    expect(await isLive(bobs.id)).toBe(true);
    expect(await revokeEvents()).toBe(before);
  });

  it("another org's session is not found, whoever it is named for", async () => {
    const gus = await sessionFor(t.db, user("admin@globex.test"));
    const before = await revokeEvents();
    expect(await revoke({ target: "alice@acme.test", sessionId: gus.id })).toEqual({ ok: false, code: "SESSION_NOT_FOUND" });
    expect(await revoke({ target: "admin@globex.test", sessionId: gus.id })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await isLive(gus.id)).toBe(true);
    expect(await revokeEvents()).toBe(before);
  });

  it("never the admin's own session: those are ended from My security", async () => {
    const own = await sessionFor(t.db, user("admin@acme.test"));
    expect(await revoke({ target: "admin@acme.test", sessionId: own.id })).toEqual({ ok: false, code: "SELF_ACTION" });
    expect(await isLive(own.id)).toBe(true);
  });
});
