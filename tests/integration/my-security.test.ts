// SPEC B7, L9: "My security" — a user renames and removes their own methods, adds an
// authenticator app, regenerates recovery codes and ends their own sessions. Every change touches
// only the caller's own rows in the caller's org, and commits together with exactly one event
// (one per session for "End all other sessions"), or not at all.
import "../helpers/env";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, DEMO_TOTP_SECRET, seed } from "../helpers/demo";
import { forOrg, type OrgDb } from "@/lib/db/tenant";
import type { AccountActionOptions } from "@/lib/account/account-action";
import { listMyMethods } from "@/lib/account/list-my-methods";
import { listMySessions } from "@/lib/account/list-my-sessions";
import { listMyActivity } from "@/lib/account/list-my-activity";
import { renameMyMethod } from "@/lib/account/rename-my-method";
import { removeMyMethod } from "@/lib/account/remove-my-method";
import { regenerateMyRecoveryCodes } from "@/lib/account/regenerate-my-recovery-codes";
import { endMySession } from "@/lib/account/end-my-session";
import { endMyOtherSessions } from "@/lib/account/end-my-other-sessions";
import { beginTotpRegistration, TOTP_REGISTRATION_MINUTES } from "@/lib/mfa/begin-totp-registration";
import { confirmTotpRegistration } from "@/lib/mfa/confirm-totp-registration";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { totpCodeAt } from "@/lib/mfa/totp";
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from "@/lib/mfa/recovery-codes";
import { validateSessionToken } from "@/lib/auth/session";
import { randomToken, sha256Hex } from "@/lib/security/tokens";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const IDLE_MINUTES = 120;
const user = (username: string) => demo.users[username]!;

function as(username: string, orgDb?: OrgDb): AccountActionOptions {
  const u = user(username);
  return { orgDb: orgDb ?? forOrg(t.db, u.orgId), me: { id: u.id, orgId: u.orgId, username: u.username }, context: ctx };
}

/** A scoped client whose event writes fail: the change before them must roll back with them. */
/** The org's client, on which writing an event fails (lib/activity/record-event.ts writes it with $executeRaw). */
function failingEvents(username: string): OrgDb {
  return forOrg(t.db, user(username).orgId).$extends({
    query: {
      $executeRaw({ args, query }) {
        if (/INSERT INTO verification_events/.test(JSON.stringify(args))) throw new Error("event write failed");
        return query(args);
      },
    },
  }) as unknown as OrgDb;
}

async function addApp(username: string, name: string) {
  const u = user(username);
  return t.db.totpFactor.create({
    data: { orgId: u.orgId, userId: u.id, name, secretCiphertext: encryptTotpSecret(DEMO_TOTP_SECRET, u.id), verifiedAt: new Date() },
  });
}

async function addKey(username: string, name: string) {
  const u = user(username);
  return t.db.webAuthnCredential.create({
    data: { orgId: u.orgId, userId: u.id, name, credentialId: randomToken(), publicKey: Buffer.from("not a real key"), deviceType: "singleDevice" },
  });
}

async function addSession(username: string, opts: { userAgent?: string; nowMs?: number } = {}) {
  const u = user(username);
  const token = randomToken();
  const nowMs = opts.nowMs ?? Date.now();
  const row = await t.db.session.create({
    data: {
      orgId: u.orgId,
      userId: u.id,
      tokenHash: sha256Hex(token),
      level: "STANDARD",
      loginMethod: "TOTP",
      ip: "198.51.100.9",
      userAgent: opts.userAgent ?? "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      expiresAt: new Date(nowMs + 12 * 3_600_000),
      createdAt: new Date(nowMs),
      lastSeenAt: new Date(nowMs),
    },
  });
  return { ...row, token };
}

let eventsBefore = 0;
beforeEach(async () => {
  eventsBefore = await t.db.verificationEvent.count();
});
const newEvents = () => t.db.verificationEvent.findMany({ orderBy: { id: "asc" }, skip: eventsBefore });

describe("renameMyMethod", () => {
  it("renames the caller's own app and key, each with one METHOD_RENAMED event", async () => {
    const app = await t.db.totpFactor.findFirstOrThrow({ where: { userId: user("alice@acme.test").id } });
    const key = await addKey("alice@acme.test", "Blue key");
    expect(await renameMyMethod({ ...as("alice@acme.test"), kind: "TOTP", methodId: app.id, name: "  Work phone  " })).toEqual({ ok: true });
    expect(await renameMyMethod({ ...as("alice@acme.test"), kind: "WEBAUTHN", methodId: key.id, name: "YubiKey 5C" })).toEqual({ ok: true });
    expect((await t.db.totpFactor.findUniqueOrThrow({ where: { id: app.id } })).name).toBe("Work phone");
    expect((await t.db.webAuthnCredential.findUniqueOrThrow({ where: { id: key.id } })).name).toBe("YubiKey 5C");
    const events = await newEvents();
    expect(events.map((e) => [e.activity, e.method, e.username, e.actorId])).toEqual([
      ["METHOD_RENAMED", "TOTP", "alice@acme.test", null],
      ["METHOD_RENAMED", "WEBAUTHN", "alice@acme.test", null],
    ]);
    expect(events[0]!.detail).toMatchObject({ from: "Authenticator app", to: "Work phone" });
  });

  it("cannot rename another user's method, nor one of another org: nothing changes, no event", async () => {
    const adminApp = await t.db.totpFactor.findFirstOrThrow({ where: { userId: user("admin@acme.test").id } });
    const gusApp = await t.db.totpFactor.findFirstOrThrow({ where: { userId: user("admin@globex.test").id } });
    expect(await renameMyMethod({ ...as("alice@acme.test"), kind: "TOTP", methodId: adminApp.id, name: "pwned" })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await renameMyMethod({ ...as("alice@acme.test"), kind: "TOTP", methodId: gusApp.id, name: "pwned" })).toEqual({ ok: false, code: "NOT_FOUND" });
    // Even a forged "me" of the other org's user cannot reach through an Acme-scoped client.
    const forged = { ...as("admin@globex.test"), orgDb: forOrg(t.db, user("alice@acme.test").orgId) };
    expect(await renameMyMethod({ ...forged, kind: "TOTP", methodId: gusApp.id, name: "pwned" })).toEqual({ ok: false, code: "NOT_FOUND" });
    // A key id sent as an app (and vice versa) finds nothing either.
    const key = await addKey("alice@acme.test", "Spare key");
    expect(await renameMyMethod({ ...as("alice@acme.test"), kind: "TOTP", methodId: key.id, name: "x" })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await renameMyMethod({ ...as("alice@acme.test"), kind: "TOTP", methodId: adminApp.id, name: "   " })).toEqual({ ok: false, code: "INVALID_INPUT" });
    expect((await t.db.totpFactor.findUniqueOrThrow({ where: { id: adminApp.id } })).name).toBe("Authenticator app");
    expect((await t.db.totpFactor.findUniqueOrThrow({ where: { id: gusApp.id } })).name).toBe("Authenticator app");
    expect(await newEvents()).toEqual([]);
  });

  it("commits the rename with its event or not at all", async () => {
    const app = await addApp("bob@acme.test", "Old name");
    await expect(renameMyMethod({ ...as("bob@acme.test", failingEvents("bob@acme.test")), kind: "TOTP", methodId: app.id, name: "New name" })).rejects.toThrow(
      /event write failed/,
    );
    expect((await t.db.totpFactor.findUniqueOrThrow({ where: { id: app.id } })).name).toBe("Old name");
    await t.db.totpFactor.delete({ where: { id: app.id } });
  });
});

describe("removeMyMethod", () => {
  it("removes one of the caller's methods with one METHOD_DISCONNECTED event and says how many remain", async () => {
    const first = await addApp("support@acme.test", "Phone");
    const second = await addKey("support@acme.test", "Key");
    expect(await removeMyMethod({ ...as("support@acme.test"), kind: "TOTP", methodId: first.id })).toEqual({ ok: true, remainingMethods: 1 });
    expect(await removeMyMethod({ ...as("support@acme.test"), kind: "WEBAUTHN", methodId: second.id })).toEqual({ ok: true, remainingMethods: 0 });
    expect(await listMyMethods(forOrg(t.db, user("support@acme.test").orgId), { userId: user("support@acme.test").id })).toEqual([]);
    const events = await newEvents();
    expect(events.map((e) => [e.activity, e.method, e.username])).toEqual([
      ["METHOD_DISCONNECTED", "TOTP", "support@acme.test"],
      ["METHOD_DISCONNECTED", "WEBAUTHN", "support@acme.test"],
    ]);
    expect(events[1]!.detail).toMatchObject({ name: "Key", remainingMethods: 0 });
  });

  it("cannot remove another user's method, nor one of another org", async () => {
    const adminApp = await t.db.totpFactor.findFirstOrThrow({ where: { userId: user("admin@acme.test").id } });
    const gusApp = await t.db.totpFactor.findFirstOrThrow({ where: { userId: user("admin@globex.test").id } });
    expect(await removeMyMethod({ ...as("alice@acme.test"), kind: "TOTP", methodId: adminApp.id })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await removeMyMethod({ ...as("alice@acme.test"), kind: "TOTP", methodId: gusApp.id })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await t.db.totpFactor.count({ where: { id: { in: [adminApp.id, gusApp.id] } } })).toBe(2);
    expect(await newEvents()).toEqual([]);
  });

  it("commits the removal with its event or not at all", async () => {
    const app = await addApp("bob@acme.test", "Keep me");
    await expect(removeMyMethod({ ...as("bob@acme.test", failingEvents("bob@acme.test")), kind: "TOTP", methodId: app.id })).rejects.toThrow(
      /event write failed/,
    );
    expect(await t.db.totpFactor.count({ where: { id: app.id } })).toBe(1);
    await t.db.totpFactor.delete({ where: { id: app.id } });
  });
});

describe("regenerateMyRecoveryCodes", () => {
  it("replaces every old code with 10 new ones, with one RECOVERY_CODES_GENERATED event", async () => {
    const alice = user("alice@acme.test");
    const old = await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: alice.orgId, userId: alice.id }));
    eventsBefore = await t.db.verificationEvent.count();
    const result = await regenerateMyRecoveryCodes(as("alice@acme.test"));
    if (!result.ok) throw new Error(result.code);
    expect(result.codes).toHaveLength(10);
    expect(result.codes.filter((c) => old.includes(c))).toEqual([]);
    expect(await countUnusedRecoveryCodes(t.db, alice.id)).toBe(10);
    expect(await t.db.recoveryCode.count({ where: { userId: alice.id } })).toBe(10);
    const events = await newEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ activity: "RECOVERY_CODES_GENERATED", method: "RECOVERY_CODE", username: "alice@acme.test" });
    expect(JSON.stringify(events[0]!.detail)).not.toContain(result.codes[0]!);
    // Other users' codes are untouched.
    const gus = user("admin@globex.test");
    await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: gus.orgId, userId: gus.id }));
    await regenerateMyRecoveryCodes(as("alice@acme.test"));
    expect(await countUnusedRecoveryCodes(t.db, gus.id)).toBe(10);
  });

  it("keeps the old codes when the event cannot be written", async () => {
    const alice = user("alice@acme.test");
    const hashes = (await t.db.recoveryCode.findMany({ where: { userId: alice.id }, orderBy: { id: "asc" } })).map((c) => c.codeHash);
    await expect(regenerateMyRecoveryCodes(as("alice@acme.test", failingEvents("alice@acme.test")))).rejects.toThrow(/event write failed/);
    expect((await t.db.recoveryCode.findMany({ where: { userId: alice.id }, orderBy: { id: "asc" } })).map((c) => c.codeHash)).toEqual(hashes);
  });
});

describe("ending sessions", () => {
  it("ends one of the caller's other sessions, which is refused on its next request", async () => {
    const current = await addSession("alice@acme.test");
    const other = await addSession("alice@acme.test");
    expect(await validateSessionToken(t.db, other.token)).not.toBeNull();
    expect(await endMySession({ ...as("alice@acme.test"), sessionId: other.id, currentSessionId: current.id })).toEqual({ ok: true });
    expect(await validateSessionToken(t.db, other.token)).toBeNull();
    expect(await validateSessionToken(t.db, current.token)).not.toBeNull();
    const events = await newEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      activity: "SESSION_REVOKED",
      status: "SUCCEEDED",
      username: "alice@acme.test",
      detail: { sessionId: other.id, by: "self" },
    });
    // Ending it again finds nothing live.
    expect(await endMySession({ ...as("alice@acme.test"), sessionId: other.id, currentSessionId: current.id })).toEqual({ ok: false, code: "NOT_FOUND" });
  });

  it("does not end the session making the request: that is Log out", async () => {
    const current = await addSession("alice@acme.test");
    expect(await endMySession({ ...as("alice@acme.test"), sessionId: current.id, currentSessionId: current.id })).toEqual({
      ok: false,
      code: "CURRENT_SESSION",
    });
    expect(await validateSessionToken(t.db, current.token)).not.toBeNull();
  });

  it("cannot end another user's session, nor one of another org", async () => {
    const current = await addSession("alice@acme.test");
    const admins = await addSession("admin@acme.test");
    const gus = await addSession("admin@globex.test");
    expect(await endMySession({ ...as("alice@acme.test"), sessionId: admins.id, currentSessionId: current.id })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await endMySession({ ...as("alice@acme.test"), sessionId: gus.id, currentSessionId: current.id })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await validateSessionToken(t.db, admins.token)).not.toBeNull();
    expect(await validateSessionToken(t.db, gus.token)).not.toBeNull();
    expect(await newEvents()).toEqual([]);
  });

  it("ends all the caller's other live sessions, one SESSION_REVOKED event each, and nobody else's", async () => {
    await t.db.session.updateMany({ where: { userId: user("bob@acme.test").id }, data: { revokedAt: new Date() } });
    const current = await addSession("bob@acme.test");
    const others = [await addSession("bob@acme.test"), await addSession("bob@acme.test"), await addSession("bob@acme.test")];
    const idle = await addSession("bob@acme.test", { nowMs: Date.now() - (IDLE_MINUTES + 1) * 60_000 }); // already dead
    const alices = await addSession("alice@acme.test");
    eventsBefore = await t.db.verificationEvent.count();

    expect(await endMyOtherSessions({ ...as("bob@acme.test"), currentSessionId: current.id, idleMinutes: IDLE_MINUTES })).toEqual({ ok: true, ended: 3 });
    for (const s of others) expect(await validateSessionToken(t.db, s.token)).toBeNull();
    expect(await validateSessionToken(t.db, current.token)).not.toBeNull();
    expect(await validateSessionToken(t.db, alices.token)).not.toBeNull();
    expect((await t.db.session.findUniqueOrThrow({ where: { id: idle.id } })).revokedAt).toBeNull();
    const events = await newEvents();
    expect(events.map((e) => e.activity)).toEqual(["SESSION_REVOKED", "SESSION_REVOKED", "SESSION_REVOKED"]);
    expect(new Set(events.map((e) => (e.detail as { sessionId: string }).sessionId))).toEqual(new Set(others.map((s) => s.id)));
    expect(await endMyOtherSessions({ ...as("bob@acme.test"), currentSessionId: current.id, idleMinutes: IDLE_MINUTES })).toEqual({ ok: true, ended: 0 });
  });

  it("ends no session when the events cannot be written", async () => {
    const current = await addSession("bob@acme.test");
    const other = await addSession("bob@acme.test");
    await expect(endMySession({ ...as("bob@acme.test", failingEvents("bob@acme.test")), sessionId: other.id, currentSessionId: current.id })).rejects.toThrow(
      /event write failed/,
    );
    await expect(
      endMyOtherSessions({ ...as("bob@acme.test", failingEvents("bob@acme.test")), currentSessionId: current.id, idleMinutes: IDLE_MINUTES }),
    ).rejects.toThrow(/event write failed/);
    expect(await validateSessionToken(t.db, other.token)).not.toBeNull();
  });
});

describe("adding an authenticator app while signed in", () => {
  it("shows a stable secret, refuses a wrong code with a FAILED event, registers with the right one", async () => {
    const support = user("support@acme.test");
    const first = await beginTotpRegistration(as("support@acme.test"));
    const again = await beginTotpRegistration(as("support@acme.test"));
    expect(again.secret).toBe(first.secret);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/MFA%20Console%20\(Acme\):support%40acme\.test\?secret=/);
    // Not a method until confirmed.
    expect(await listMyMethods(forOrg(t.db, support.orgId), { userId: support.id })).toEqual([]);

    eventsBefore = await t.db.verificationEvent.count();
    expect(await confirmTotpRegistration({ ...as("support@acme.test"), code: "000000", name: "Phone" })).toEqual({ ok: false, code: "INVALID_CODE" });
    // Not a guess at anything secret: no lockout count.
    expect((await t.db.user.findUniqueOrThrow({ where: { id: support.id } })).failedAttempts).toBe(0);
    const confirmed = await confirmTotpRegistration({ ...as("support@acme.test"), code: totpCodeAt(first.secret, Date.now()), name: "Work phone" });
    expect(confirmed).toMatchObject({ ok: true });
    const methods = await listMyMethods(forOrg(t.db, support.orgId), { userId: support.id });
    expect(methods).toMatchObject([{ kind: "TOTP", name: "Work phone" }]);
    const events = await newEvents();
    expect(events.map((e) => [e.activity, e.method, e.status, e.reason])).toEqual([
      ["METHOD_REGISTERED", "TOTP", "FAILED", "INVALID_CODE"],
      ["METHOD_REGISTERED", "TOTP", "SUCCEEDED", null],
    ]);
    // Confirmed once: the same setup cannot be confirmed again, and the next one has a new secret.
    expect(await confirmTotpRegistration({ ...as("support@acme.test"), code: totpCodeAt(first.secret, Date.now()), name: "Again" })).toEqual({
      ok: false,
      code: "REGISTRATION_EXPIRED",
    });
    expect((await beginTotpRegistration(as("support@acme.test"))).secret).not.toBe(first.secret);
  });

  it("starts over with a new secret after the setup window", async () => {
    const now = Date.now();
    const first = await beginTotpRegistration({ ...as("delegate@acme.test"), nowMs: now });
    const later = now + TOTP_REGISTRATION_MINUTES * 60_000 + 1;
    expect(await confirmTotpRegistration({ ...as("delegate@acme.test"), code: totpCodeAt(first.secret, later), name: "Late", nowMs: later })).toEqual({
      ok: false,
      code: "REGISTRATION_EXPIRED",
    });
    expect((await beginTotpRegistration({ ...as("delegate@acme.test"), nowMs: later })).secret).not.toBe(first.secret);
    // The abandoned secret is gone, not kept around.
    expect(await t.db.totpFactor.count({ where: { userId: user("delegate@acme.test").id } })).toBe(1);
  });

  it("registers nothing when the event cannot be written", async () => {
    const started = await beginTotpRegistration(as("api@acme.test"));
    await expect(
      confirmTotpRegistration({ ...as("api@acme.test", failingEvents("api@acme.test")), code: totpCodeAt(started.secret, Date.now()), name: "x" }),
    ).rejects.toThrow(/event write failed/);
    expect(await t.db.totpFactor.count({ where: { userId: user("api@acme.test").id, verifiedAt: { not: null } } })).toBe(0);
  });
});

describe("what My security shows", () => {
  it("lists only the caller's live sessions, this one first, with a readable browser", async () => {
    const gus = user("admin@globex.test");
    await t.db.session.updateMany({ where: { userId: gus.id }, data: { revokedAt: new Date() } });
    const older = await addSession("admin@globex.test", {
      nowMs: Date.now() - 60_000,
      userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    });
    const current = await addSession("admin@globex.test", { nowMs: Date.now() - 120_000 });
    const newest = await addSession("admin@globex.test");
    await addSession("admin@acme.test");
    const sessions = await listMySessions(forOrg(t.db, gus.orgId), { userId: gus.id, currentSessionId: current.id, idleMinutes: IDLE_MINUTES });
    expect(sessions.map((s) => s.id)).toEqual([current.id, newest.id, older.id]);
    expect(sessions[0]).toMatchObject({ current: true, browser: "Chrome 131 on Linux", ip: "198.51.100.9", level: "STANDARD" });
    expect(sessions[2]!.browser).toBe("Safari 17 on macOS");
    // Another org's scoped client sees none of them.
    expect(
      await listMySessions(forOrg(t.db, user("alice@acme.test").orgId), { userId: gus.id, currentSessionId: current.id, idleMinutes: IDLE_MINUTES }),
    ).toEqual([]);
  });

  it("lists the caller's own last 20 events, newest first", async () => {
    const alice = user("alice@acme.test");
    const activity = await listMyActivity(forOrg(t.db, alice.orgId), { userId: alice.id });
    expect(activity.length).toBeGreaterThan(0);
    expect(activity.length).toBeLessThanOrEqual(20);
    const all = await t.db.verificationEvent.findMany({ where: { userId: alice.id }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: 20 });
    expect(activity.map((e) => e.id)).toEqual(all.map((e) => e.id.toString()));
    expect(await listMyActivity(forOrg(t.db, user("admin@globex.test").orgId), { userId: alice.id })).toEqual([]);
  });
});
