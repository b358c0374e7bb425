// SPEC L10, L5: "Verify your identity" with a security key or passkey. The challenge belongs to the
// signed-in session (never a login, never another session), is used once and lives 5 minutes; the
// counter rule is the login's; a success raises the session like any step-up (window from the org,
// one STEP_UP event); failures are one event each and count toward lockout as the other methods'
// do; nothing of another org — session or key — ever works.
import "../helpers/env";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { SoftAuthenticator, type Forgery } from "../helpers/soft-authenticator";
import { addKey, passwordStepTo, storedKey } from "../helpers/webauthn";
import { sessionFor } from "../helpers/sessions";
import { forOrg } from "@/lib/db/tenant";
import { beginWebAuthnStepUp } from "@/lib/mfa/webauthn/begin-webauthn-step-up";
import { stepUpWithWebAuthn } from "@/lib/auth/step-up-with-webauthn";
import { listStepUpMethods } from "@/lib/auth/step-up-methods";
import { beginWebAuthnLogin } from "@/lib/mfa/webauthn/begin-webauthn-login";
import { verifyWebAuthnAtLogin } from "@/lib/mfa/webauthn/verify-webauthn-login";
import { WEBAUTHN_CHALLENGE_MINUTES } from "@/lib/mfa/webauthn/challenge-store";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const alicesKey = new SoftAuthenticator();
const adminsKey = new SoftAuthenticator();
const globexKey = new SoftAuthenticator();

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  await addKey(t.db, "alice@acme.test", alicesKey, "Alice's YubiKey");
  await addKey(t.db, "admin@acme.test", adminsKey, "Ada's key");
  await addKey(t.db, "admin@globex.test", globexKey, "Globex key");
});
afterAll(() => t?.close());

const MINUTE_MS = 60_000;
const user = (username: string) => demo.users[username]!;
const orgDbOf = (username: string) => forOrg(t.db, user(username).orgId);
const ref = (username: string, sessionId: string, nowMs?: number) => ({ orgDb: orgDbOf(username), sessionId, userId: user(username).id, nowMs });

async function options(username: string, sessionId: string, nowMs?: number) {
  const begun = await beginWebAuthnStepUp(ref(username, sessionId, nowMs));
  if (!begun.ok) throw new Error(begun.code);
  return begun.options;
}
const verify = (username: string, sessionId: string, response: ReturnType<SoftAuthenticator["authenticate"]>, nowMs?: number) =>
  stepUpWithWebAuthn({ ...ref(username, sessionId, nowMs), response, context: ctx });

/** Options for a fresh Standard session, and the key's answer (optionally forged in one respect). */
async function attempt(username: string, key: SoftAuthenticator, forge?: Forgery) {
  const session = await sessionFor(t.db, user(username));
  const opts = await options(username, session.id);
  return { session, result: await verify(username, session.id, key.authenticate(opts, forge)) };
}

const sessionRow = (id: string) => t.db.session.findUniqueOrThrow({ where: { id } });
const failedAttempts = async (username: string) => (await t.db.user.findUniqueOrThrow({ where: { username } })).failedAttempts;
const resetLockout = (username: string) => t.db.user.update({ where: { username }, data: { failedAttempts: 0, lockedUntil: null } });
let eventsBefore = 0;
beforeEach(async () => {
  eventsBefore = await t.db.verificationEvent.count();
});
const newEvents = () => t.db.verificationEvent.findMany({ orderBy: { id: "asc" }, skip: eventsBefore });

describe("step-up with a security key", () => {
  it("offers the user's own keys over a challenge bound to the session, raises it for the org's window, stores the counter", async () => {
    await t.db.orgSettings.update({ where: { orgId: user("alice@acme.test").orgId }, data: { highAssuranceMinutes: 15 } });
    const now = Date.now();
    const session = await sessionFor(t.db, user("alice@acme.test"), { nowMs: now });
    expect((await listStepUpMethods(orgDbOf("alice@acme.test"), { userId: user("alice@acme.test").id })).usable).toEqual(["WEBAUTHN", "TOTP"]);
    const opts = await options("alice@acme.test", session.id, now);
    expect(opts).toMatchObject({ rpId: "localhost", userVerification: "preferred", allowCredentials: [{ id: alicesKey.id, type: "public-key" }] });
    const challenge = await t.db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: opts.challenge } });
    expect(challenge).toMatchObject({
      purpose: "AUTHENTICATION",
      sessionId: session.id,
      pendingLoginId: null,
      userId: user("alice@acme.test").id,
      consumedAt: null,
    });
    expect(challenge.expiresAt.getTime() - challenge.createdAt.getTime()).toBe(WEBAUTHN_CHALLENGE_MINUTES * MINUTE_MS);

    const result = await verify("alice@acme.test", session.id, alicesKey.authenticate(opts), now);
    expect(result).toEqual({ ok: true, highAssuranceUntil: new Date(now + 15 * MINUTE_MS) });
    expect(await sessionRow(session.id)).toMatchObject({
      level: "HIGH_ASSURANCE",
      highAssuranceUntil: new Date(now + 15 * MINUTE_MS),
      loginMethod: "PASSWORD",
    });
    expect(await storedKey(t.db, alicesKey)).toMatchObject({ signCount: BigInt(alicesKey.counter), lastUsedAt: new Date(now) });
    expect((await t.db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: opts.challenge } })).consumedAt).not.toBeNull();
    const events = await newEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      activity: "STEP_UP",
      method: "WEBAUTHN",
      status: "SUCCEEDED",
      ip: ctx.ip,
      detail: { key: "Alice's YubiKey", userVerified: true },
    });
    await t.db.orgSettings.update({ where: { orgId: user("alice@acme.test").orgId }, data: { highAssuranceMinutes: 60 } });
  });

  it("refuses a replayed answer, and a refused try spends its challenge (single use)", async () => {
    const session = await sessionFor(t.db, user("alice@acme.test"));
    const opts = await options("alice@acme.test", session.id);
    const answer = alicesKey.authenticate(opts);
    expect(await verify("alice@acme.test", session.id, answer)).toMatchObject({ ok: true });
    expect(await verify("alice@acme.test", session.id, answer)).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });

    const again = await options("alice@acme.test", session.id);
    expect(await verify("alice@acme.test", session.id, alicesKey.authenticate(again, { breakSignature: true }))).toMatchObject({
      code: "INVALID_KEY_RESPONSE",
    });
    expect(await verify("alice@acme.test", session.id, alicesKey.authenticate(again))).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });
    expect((await newEvents()).map((e) => [e.status, e.reason])).toEqual([
      ["SUCCEEDED", null],
      ["FAILED", "CHALLENGE_EXPIRED"],
      ["FAILED", "INVALID_KEY_RESPONSE"],
      ["FAILED", "CHALLENGE_EXPIRED"],
    ]);
    // Only the checked, wrong answer counted; the stale ones could never succeed.
    expect(await failedAttempts("alice@acme.test")).toBe(1);
    await resetLockout("alice@acme.test");
  });

  it("refuses a challenge of another session, without spending it for its own", async () => {
    const mine = await sessionFor(t.db, user("alice@acme.test"));
    const other = await sessionFor(t.db, user("alice@acme.test"));
    const signedForOther = alicesKey.authenticate(await options("alice@acme.test", other.id));
    expect(await verify("alice@acme.test", mine.id, signedForOther)).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });
    expect((await sessionRow(mine.id)).level).toBe("STANDARD");
    expect(await verify("alice@acme.test", other.id, signedForOther)).toMatchObject({ ok: true });
    expect(await failedAttempts("alice@acme.test")).toBe(0);
  });

  it("keeps logins and step-ups apart: neither's challenge completes the other", async () => {
    const session = await sessionFor(t.db, user("alice@acme.test"));
    const pendingToken = await passwordStepTo(t.db, "alice@acme.test", "WEBAUTHN");
    const login = await beginWebAuthnLogin(t.db, { pendingToken });
    if (!login.ok) throw new Error(login.code);
    expect(await verify("alice@acme.test", session.id, alicesKey.authenticate(login.options))).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });
    const stepUp = await options("alice@acme.test", session.id);
    expect(await verifyWebAuthnAtLogin(t.db, { pendingToken, response: alicesKey.authenticate(stepUp), context: ctx })).toEqual({
      ok: false,
      code: "CHALLENGE_EXPIRED",
    });
    expect((await sessionRow(session.id)).level).toBe("STANDARD");
  });

  it(`expires after ${WEBAUTHN_CHALLENGE_MINUTES} minutes`, async () => {
    const issuedAt = Date.now();
    const session = await sessionFor(t.db, user("alice@acme.test"), { nowMs: issuedAt });
    const opts = await options("alice@acme.test", session.id, issuedAt);
    const late = issuedAt + WEBAUTHN_CHALLENGE_MINUTES * MINUTE_MS + 1_000;
    expect(await verify("alice@acme.test", session.id, alicesKey.authenticate(opts), late)).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });
    expect((await sessionRow(session.id)).level).toBe("STANDARD");
  });

  it("refuses a signature counter that went backwards (a cloned key) as a counted failure, and stores nothing", async () => {
    const before = await storedKey(t.db, alicesKey);
    const { session, result } = await attempt("alice@acme.test", alicesKey, { counter: Number(before.signCount) });
    expect(result).toEqual({ ok: false, code: "COUNTER_REGRESSION" });
    expect((await sessionRow(session.id)).level).toBe("STANDARD");
    expect((await storedKey(t.db, alicesKey)).signCount).toBe(before.signCount);
    expect((await newEvents()).map((e) => [e.activity, e.method, e.status, e.reason])).toEqual([["STEP_UP", "WEBAUTHN", "FAILED", "COUNTER_REGRESSION"]]);
    expect(await failedAttempts("alice@acme.test")).toBe(1);
    await resetLockout("alice@acme.test");
  });

  it("counts refused answers toward lockout like the other methods, and then refuses even the right key", async () => {
    const results = [];
    for (let i = 0; i < 10; i++) results.push((await attempt("alice@acme.test", alicesKey, { breakSignature: true })).result);
    expect(results[7]).toEqual({ ok: false, code: "INVALID_KEY_RESPONSE", attemptsRemaining: 2 });
    expect(results[9]).toMatchObject({ ok: false, code: "LOCKED" });
    const session = await sessionFor(t.db, user("alice@acme.test"));
    // Not even prompted (asking is not an attempt: no event)...
    expect(await beginWebAuthnStepUp(ref("alice@acme.test", session.id))).toMatchObject({ ok: false, code: "LOCKED" });
    // ...and an answer to a challenge issued before the lock is refused too, with an event.
    await resetLockout("alice@acme.test");
    const opts = await options("alice@acme.test", session.id);
    await t.db.user.update({ where: { username: "alice@acme.test" }, data: { lockedUntil: new Date(Date.now() + 15 * MINUTE_MS) } });
    expect(await verify("alice@acme.test", session.id, alicesKey.authenticate(opts))).toMatchObject({ ok: false, code: "LOCKED" });
    expect((await newEvents()).at(-1)).toMatchObject({ activity: "STEP_UP", method: "WEBAUTHN", status: "FAILED", reason: "LOCKED" });
    expect((await sessionRow(session.id)).level).toBe("STANDARD");
    await resetLockout("alice@acme.test");
  });

  it("is neither offered nor accepted when the org does not count security keys as High Assurance (S2)", async () => {
    const orgId = user("alice@acme.test").orgId;
    const session = await sessionFor(t.db, user("alice@acme.test"));
    const opts = await options("alice@acme.test", session.id);
    await t.db.orgSettings.update({ where: { orgId }, data: { highAssuranceMethods: ["TOTP", "RECOVERY_CODE"] } });
    try {
      expect((await listStepUpMethods(orgDbOf("alice@acme.test"), { userId: user("alice@acme.test").id })).usable).toEqual(["TOTP"]);
      expect(await beginWebAuthnStepUp(ref("alice@acme.test", session.id))).toEqual({ ok: false, code: "METHOD_NOT_ALLOWED" });
      expect(await verify("alice@acme.test", session.id, alicesKey.authenticate(opts))).toEqual({ ok: false, code: "METHOD_NOT_ALLOWED" });
      expect((await newEvents()).map((e) => [e.status, e.reason])).toEqual([["FAILED", "METHOD_NOT_ALLOWED"]]);
      expect((await sessionRow(session.id)).level).toBe("STANDARD");
    } finally {
      await t.db.orgSettings.update({ where: { orgId }, data: { highAssuranceMethods: ["TOTP", "WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"] } });
    }
  });

  it.skipIf(usePglite)("gives exactly one success to 10 concurrent submissions of one answer, one event each", async () => {
    const session = await sessionFor(t.db, user("admin@globex.test"));
    const answer = globexKey.authenticate(await options("admin@globex.test", session.id));
    const results = await Promise.all(Array.from({ length: 10 }, () => verify("admin@globex.test", session.id, answer)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "CHALLENGE_EXPIRED")).toHaveLength(9);
    const events = await newEvents();
    expect(events).toHaveLength(10);
    expect(events.filter((e) => e.status === "SUCCEEDED")).toHaveLength(1);
    expect((await storedKey(t.db, globexKey)).signCount).toBe(BigInt(globexKey.counter));
    expect(await failedAttempts("admin@globex.test")).toBe(0);
  });
});

describe("whose session, whose key", () => {
  it("never raises a session of another org, even by its exact id: nothing offered, nothing changed, no event", async () => {
    const acmeSession = await sessionFor(t.db, user("alice@acme.test"));
    const opts = await options("alice@acme.test", acmeSession.id);
    const asGlobex = [
      { orgDb: orgDbOf("admin@globex.test"), sessionId: acmeSession.id, userId: user("admin@globex.test").id },
      { orgDb: orgDbOf("admin@globex.test"), sessionId: acmeSession.id, userId: user("alice@acme.test").id },
    ];
    for (const a of asGlobex) {
      expect(await beginWebAuthnStepUp(a)).toEqual({ ok: false, code: "NOT_FOUND" });
      expect(await stepUpWithWebAuthn({ ...a, response: alicesKey.authenticate(opts), context: ctx })).toEqual({ ok: false, code: "NOT_FOUND" });
    }
    expect((await sessionRow(acmeSession.id)).level).toBe("STANDARD");
    expect(await newEvents()).toEqual([]);
  });

  it("refuses another org's key and another user's key over the session's own challenge", async () => {
    const session = await sessionFor(t.db, user("alice@acme.test"));
    // Globex's admin's key, and the Acme admin's (same org, another user), each signing alice's challenge.
    for (const key of [globexKey, adminsKey]) {
      const opts = await options("alice@acme.test", session.id);
      expect(await verify("alice@acme.test", session.id, key.authenticate(opts))).toEqual({ ok: false, code: "INVALID_KEY_RESPONSE" });
    }
    // Even passing as alice's key by its id does not help: the signature is not hers.
    const opts = await options("alice@acme.test", session.id);
    const forged = { ...globexKey.authenticate(opts), id: alicesKey.id, rawId: alicesKey.id };
    expect(await verify("alice@acme.test", session.id, forged)).toEqual({ ok: false, code: "INVALID_KEY_RESPONSE" });
    expect((await sessionRow(session.id)).level).toBe("STANDARD");
    expect((await newEvents()).map((e) => [e.username, e.reason])).toEqual([
      ["alice@acme.test", "INVALID_KEY_RESPONSE"],
      ["alice@acme.test", "INVALID_KEY_RESPONSE"],
      ["alice@acme.test", "INVALID_KEY_RESPONSE"],
    ]);
    await resetLockout("alice@acme.test");
  });

  it("cannot raise another user's session of the same org, nor a revoked one", async () => {
    const alices = await sessionFor(t.db, user("alice@acme.test"));
    expect(await beginWebAuthnStepUp({ orgDb: orgDbOf("admin@acme.test"), sessionId: alices.id, userId: user("admin@acme.test").id })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    const opts = await options("alice@acme.test", alices.id);
    await t.db.session.update({ where: { id: alices.id }, data: { revokedAt: new Date() } });
    expect(await verify("alice@acme.test", alices.id, alicesKey.authenticate(opts))).toEqual({ ok: false, code: "NOT_FOUND" });
  });
});
