// L5, L7, L8, T1: logging in with a security key — the signature counter is stored and must move
// forward (a regression is refused as a cloned key), every attempt is exactly one event, refusals
// count toward lockout, and a key of one org's user never completes another org's login.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { SoftAuthenticator } from "../helpers/soft-authenticator";
import { addKey, passwordStepTo, storedKey } from "../helpers/webauthn";
import { beginWebAuthnLogin } from "@/lib/mfa/webauthn/begin-webauthn-login";
import { verifyWebAuthnAtLogin } from "@/lib/mfa/webauthn/verify-webauthn-login";
import { describeSecurityKeyChallenge } from "@/lib/mfa/webauthn/security-key-challenge";
import { createSessionFromTicket, validateSessionToken } from "@/lib/auth/session";
import type { Forgery } from "../helpers/soft-authenticator";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const alicesKey = new SoftAuthenticator();
const globexKey = new SoftAuthenticator();

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  // Alice and the Globex admin have an authenticator app (demo seed) and now a key each.
  await addKey(t.db, "alice@acme.test", alicesKey, "Alice's YubiKey");
  await addKey(t.db, "admin@globex.test", globexKey, "Globex key");
});
afterAll(() => t?.close());

/** Password, options, and the key's answer to them (optionally forged in one respect). */
async function attempt(username: string, key: SoftAuthenticator, forge?: Forgery) {
  const pendingToken = await passwordStepTo(t.db, username, "WEBAUTHN");
  const begun = await beginWebAuthnLogin(t.db, { pendingToken });
  if (!begun.ok) throw new Error(begun.code);
  const response = key.authenticate(begun.options, forge);
  const result = await verifyWebAuthnAtLogin(t.db, { pendingToken, response, context: ctx });
  return { pendingToken, options: begun.options, result };
}

const failedAttempts = async (username: string) => (await t.db.user.findUniqueOrThrow({ where: { username } })).failedAttempts;
const webauthnEvents = (username: string) => t.db.verificationEvent.findMany({ where: { username, method: "WEBAUTHN" }, orderBy: { id: "asc" } });

describe("security key at login", () => {
  it("offers the user's keys, logs in, stores the new counter and last use, and offers the app as an alternative", async () => {
    const pendingToken = await passwordStepTo(t.db, "alice@acme.test", "WEBAUTHN");
    expect(await describeSecurityKeyChallenge(t.db, { pendingToken })).toMatchObject({ ok: true, offerTotp: true, offerRecoveryCode: true });
    const begun = await beginWebAuthnLogin(t.db, { pendingToken });
    if (!begun.ok) throw new Error(begun.code);
    expect(begun.options).toMatchObject({
      rpId: "localhost",
      userVerification: "preferred",
      allowCredentials: [{ id: alicesKey.id, type: "public-key", transports: ["usb"] }],
    });

    const verified = await verifyWebAuthnAtLogin(t.db, { pendingToken, response: alicesKey.authenticate(begun.options), context: ctx });
    if (!verified.ok) throw new Error(verified.code);
    const row = await storedKey(t.db, alicesKey);
    expect(row.signCount).toBe(1n);
    expect(row.lastUsedAt).not.toBeNull();
    const session = await createSessionFromTicket(t.db, { ticket: verified.ticket, pendingToken, context: ctx });
    expect(await validateSessionToken(t.db, session!.token)).toMatchObject({ loginMethod: "WEBAUTHN", level: "HIGH_ASSURANCE" });
    const [event] = await webauthnEvents("alice@acme.test");
    expect(event).toMatchObject({ activity: "LOGIN", status: "SUCCEEDED", reason: null, detail: { key: "Alice's YubiKey", userVerified: true } });

    expect((await attempt("alice@acme.test", alicesKey)).result).toMatchObject({ ok: true });
    expect((await storedKey(t.db, alicesKey)).signCount).toBe(2n);
  });

  it("refuses a counter that does not move forward as a cloned key, and keeps the stored counter", async () => {
    const before = await failedAttempts("alice@acme.test");
    const stored = (await storedKey(t.db, alicesKey)).signCount;
    // A copy of the key, used after the original: it reports what the original already reported…
    expect((await attempt("alice@acme.test", alicesKey, { counter: Number(stored) })).result).toMatchObject({ ok: false, code: "COUNTER_REGRESSION" });
    // …or less.
    expect((await attempt("alice@acme.test", alicesKey, { counter: 1 })).result).toMatchObject({ ok: false, code: "COUNTER_REGRESSION" });
    expect((await storedKey(t.db, alicesKey)).signCount).toBe(stored);
    expect(await failedAttempts("alice@acme.test")).toBe(before + 2);
    const events = (await webauthnEvents("alice@acme.test")).slice(-2);
    expect(events.map((e) => [e.activity, e.status, e.reason])).toEqual([
      ["LOGIN", "FAILED", "COUNTER_REGRESSION"],
      ["LOGIN", "FAILED", "COUNTER_REGRESSION"],
    ]);
    // The genuine key, a step ahead, still works.
    expect((await attempt("alice@acme.test", alicesKey)).result).toMatchObject({ ok: true });
  });

  it("accepts keys that keep no counter (0 after 0), and refuses 0 once a counter was seen", async () => {
    const counterless = new SoftAuthenticator({ keepsCounter: false });
    await addKey(t.db, "admin@acme.test", counterless, "Passkey without counter");
    expect((await attempt("admin@acme.test", counterless)).result).toMatchObject({ ok: true });
    expect((await attempt("admin@acme.test", counterless)).result).toMatchObject({ ok: true });
    expect((await storedKey(t.db, counterless)).signCount).toBe(0n);

    expect((await attempt("alice@acme.test", alicesKey, { counter: 0 })).result).toMatchObject({ code: "COUNTER_REGRESSION" });
  });

  it("refuses a broken signature, an unknown key and a passkey naming another account — one event and one counted failure each", async () => {
    const before = { failures: await failedAttempts("alice@acme.test"), events: (await webauthnEvents("alice@acme.test")).length };
    const stranger = new SoftAuthenticator();
    const bob = demo.users["bob@acme.test"]!;
    const results = [
      (await attempt("alice@acme.test", alicesKey, { breakSignature: true })).result,
      (await attempt("alice@acme.test", stranger)).result,
      (await attempt("alice@acme.test", alicesKey, { userHandle: Buffer.from(bob.id.replace(/-/g, ""), "hex").toString("base64url") })).result,
    ];
    expect(results).toEqual([0, 1, 2].map(() => ({ ok: false, code: "INVALID_KEY_RESPONSE" })));
    expect(await failedAttempts("alice@acme.test")).toBe(before.failures + 3);
    const events = (await webauthnEvents("alice@acme.test")).slice(before.events);
    expect(events.map((e) => [e.status, e.reason])).toEqual([0, 1, 2].map(() => ["FAILED", "INVALID_KEY_RESPONSE"]));
  });

  it("warns when few attempts remain and locks at the org's limit, like every other method (L8, B6)", async () => {
    await t.db.user.update({ where: { username: "alice@acme.test" }, data: { failedAttempts: 8 } });
    // Another tab that got past the password before the lock, with its options in hand.
    const earlier = await passwordStepTo(t.db, "alice@acme.test", "WEBAUTHN");
    const earlierOptions = await beginWebAuthnLogin(t.db, { pendingToken: earlier });
    if (!earlierOptions.ok) throw new Error(earlierOptions.code);

    expect((await attempt("alice@acme.test", alicesKey, { breakSignature: true })).result).toEqual({
      ok: false,
      code: "INVALID_KEY_RESPONSE",
      attemptsRemaining: 1,
    });
    expect((await attempt("alice@acme.test", alicesKey, { breakSignature: true })).result).toMatchObject({
      ok: false,
      code: "LOCKED",
      retryAt: expect.any(Date),
    });

    // Locked: no new prompt, and even the genuine key is refused — with an event, counter untouched.
    expect(await beginWebAuthnLogin(t.db, { pendingToken: earlier })).toMatchObject({ ok: false, code: "LOCKED" });
    const counter = (await storedKey(t.db, alicesKey)).signCount;
    const response = alicesKey.authenticate(earlierOptions.options);
    expect(await verifyWebAuthnAtLogin(t.db, { pendingToken: earlier, response, context: ctx })).toMatchObject({ ok: false, code: "LOCKED" });
    expect((await storedKey(t.db, alicesKey)).signCount).toBe(counter);
    const [last] = (await webauthnEvents("alice@acme.test")).slice(-1);
    expect(last).toMatchObject({ activity: "LOGIN", status: "FAILED", reason: "LOCKED" });
    await t.db.user.update({ where: { username: "alice@acme.test" }, data: { failedAttempts: 0, lockedUntil: null } });
  });
});

describe("tenant isolation", () => {
  it("a key of an Acme user cannot complete a Globex user's login, and nothing lands in Acme's history", async () => {
    const acmeEventsBefore = await t.db.verificationEvent.count({ where: { orgId: demo.orgs.acme!.id } });
    const aliceCounter = (await storedKey(t.db, alicesKey)).signCount;
    const { result } = await attempt("admin@globex.test", alicesKey);
    expect(result).toMatchObject({ ok: false, code: "INVALID_KEY_RESPONSE" });
    expect((await storedKey(t.db, alicesKey)).signCount).toBe(aliceCounter);
    expect(await t.db.verificationEvent.count({ where: { orgId: demo.orgs.acme!.id } })).toBe(acmeEventsBefore);
    const [refused] = (await webauthnEvents("admin@globex.test")).slice(-1);
    expect(refused).toMatchObject({ orgId: demo.orgs.globex!.id, status: "FAILED", reason: "INVALID_KEY_RESPONSE" });
    expect((await attempt("admin@globex.test", globexKey)).result).toMatchObject({ ok: true });
  });
});
