// L5, L2: WebAuthn challenges are single use, expire after 5 minutes, and belong to the pending
// login they were issued to; a login whose challenge asks for a temporary code alone refuses keys.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { SoftAuthenticator } from "../helpers/soft-authenticator";
import { addKey, passwordStepTo, storedKey } from "../helpers/webauthn";
import { beginWebAuthnLogin } from "@/lib/mfa/webauthn/begin-webauthn-login";
import { verifyWebAuthnAtLogin } from "@/lib/mfa/webauthn/verify-webauthn-login";
import { WEBAUTHN_CHALLENGE_MINUTES } from "@/lib/mfa/webauthn/challenge-store";
import { sha256Hex } from "@/lib/security/tokens";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const key = new SoftAuthenticator();

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  await addKey(t.db, "alice@acme.test", key);
});
afterAll(() => t?.close());

async function challengeFor(nowMs = Date.now()) {
  const pendingToken = await passwordStepTo(t.db, "alice@acme.test", "WEBAUTHN", nowMs);
  const begun = await beginWebAuthnLogin(t.db, { pendingToken, nowMs });
  if (!begun.ok) throw new Error(begun.code);
  return { pendingToken, options: begun.options };
}
const verify = (pendingToken: string, response: ReturnType<SoftAuthenticator["authenticate"]>, nowMs?: number) =>
  verifyWebAuthnAtLogin(t.db, { pendingToken, response, context: ctx, nowMs });

describe("WebAuthn challenges", () => {
  it("cannot be reused: one try per challenge, and a successful assertion never works again", async () => {
    const { pendingToken, options } = await challengeFor();
    expect(await verify(pendingToken, key.authenticate(options, { breakSignature: true }))).toMatchObject({ code: "INVALID_KEY_RESPONSE" });
    await t.db.user.update({ where: { username: "alice@acme.test" }, data: { failedAttempts: 0 } });
    // The refused try spent the challenge: a genuine answer to it no longer counts.
    expect(await verify(pendingToken, key.authenticate(options))).toMatchObject({ code: "CHALLENGE_EXPIRED" });

    const fresh = await challengeFor();
    const assertion = key.authenticate(fresh.options);
    expect(await verify(fresh.pendingToken, assertion)).toMatchObject({ ok: true });
    // Replayed on a new login (a captured response): its challenge is spent and not this login's.
    const next = await challengeFor();
    expect(await verify(next.pendingToken, assertion)).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    const row = await t.db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: fresh.options.challenge } });
    expect(row.consumedAt).not.toBeNull();
  });

  it("only the newest challenge of a login is live", async () => {
    const { pendingToken, options: first } = await challengeFor();
    const second = await beginWebAuthnLogin(t.db, { pendingToken });
    if (!second.ok) throw new Error(second.code);
    expect(await verify(pendingToken, key.authenticate(first))).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    const third = await beginWebAuthnLogin(t.db, { pendingToken });
    if (!third.ok) throw new Error(third.code);
    expect(await verify(pendingToken, key.authenticate(third.options))).toMatchObject({ ok: true });
  });

  it("is refused by any other pending login, and that refusal does not spend it for its own", async () => {
    const mine = await challengeFor();
    const other = await challengeFor();
    const signedForMine = key.authenticate(mine.options);
    expect(await verify(other.pendingToken, signedForMine)).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    expect(await verify(mine.pendingToken, signedForMine)).toMatchObject({ ok: true });
  });

  it(`expires after ${WEBAUTHN_CHALLENGE_MINUTES} minutes, while the pending login still lives`, async () => {
    const issuedAt = Date.now();
    const { pendingToken, options } = await challengeFor(issuedAt);
    const late = issuedAt + WEBAUTHN_CHALLENGE_MINUTES * 60_000 + 1_000;
    expect(await verify(pendingToken, key.authenticate(options), late)).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    const again = await beginWebAuthnLogin(t.db, { pendingToken, nowMs: late });
    if (!again.ok) throw new Error(again.code);
    expect(await verify(pendingToken, key.authenticate(again.options), late)).toMatchObject({ ok: true });
  });

  it.skipIf(usePglite)("gives exactly one success to 20 concurrent submissions of one assertion, each an event", async () => {
    const { pendingToken, options } = await challengeFor();
    const assertion = key.authenticate(options);
    const eventsBefore = await t.db.verificationEvent.count({ where: { username: "alice@acme.test", method: "WEBAUTHN" } });
    const results = await Promise.all(Array.from({ length: 20 }, () => verify(pendingToken, assertion)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The others found the challenge spent, or were turned away uncompared while the attempt
    // limit was held by attempts in progress.
    expect(results.filter((r) => !r.ok && (r.code === "CHALLENGE_EXPIRED" || r.code === "ATTEMPTS_IN_FLIGHT"))).toHaveLength(19);
    const events = await t.db.verificationEvent.findMany({
      where: { username: "alice@acme.test", method: "WEBAUTHN", activity: "LOGIN" },
      skip: eventsBefore,
      orderBy: { id: "asc" },
    });
    expect(events).toHaveLength(20);
    expect(events.filter((e) => e.status === "SUCCEEDED")).toHaveLength(1);
    expect(events.filter((e) => e.status === "FAILED").every((e) => e.reason === "CHALLENGE_EXPIRED" || e.reason === "ATTEMPTS_IN_FLIGHT")).toBe(true);
    expect((await storedKey(t.db, key)).signCount).toBe(BigInt(key.counter));
    // The losers repeated an answer that had just succeeded: nothing guessed, nothing counted.
    expect((await t.db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } })).failedAttempts).toBe(0);
  });
});

describe("allowed methods (L2)", () => {
  it("a login that asks for a temporary code alone refuses security keys", async () => {
    const alice = demo.users["alice@acme.test"]!;
    const admin = demo.users["admin@acme.test"]!;
    const code = await t.db.tempCode.create({
      data: {
        orgId: alice.orgId,
        userId: alice.id,
        codeHash: sha256Hex("unused"),
        createdById: admin.id,
        reason: "lost key",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const pendingToken = await passwordStepTo(t.db, "alice@acme.test", "TEMP_CODE");
    expect(await beginWebAuthnLogin(t.db, { pendingToken })).toEqual({ ok: false, code: "METHOD_NOT_ALLOWED" });
    // Even with an answer to a challenge issued elsewhere, this login cannot be finished by a key.
    const elsewhere = key.authenticate({ challenge: "AAAA", rpId: "localhost" });
    expect(await verify(pendingToken, elsewhere)).toEqual({ ok: false, code: "METHOD_NOT_ALLOWED" });
    const pending = await t.db.pendingLogin.findUniqueOrThrow({ where: { tokenHash: sha256Hex(pendingToken) } });
    expect(pending.stage).toBe("MFA_CHALLENGE");
    await t.db.tempCode.update({ where: { id: code.id }, data: { expiredAt: new Date() } });
  });
});
