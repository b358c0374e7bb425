// L3, L5: a user with nothing registered registers a security key at login — the key is stored
// with its name, public key, counter and transports, the login completes with the first recovery
// codes, and the next login asks for the key. Real signatures from a software authenticator.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { SoftAuthenticator } from "../helpers/soft-authenticator";
import { passwordStepTo, storedKey } from "../helpers/webauthn";
import { beginWebAuthnEnrollment } from "@/lib/mfa/webauthn/begin-webauthn-enrollment";
import { confirmWebAuthnEnrollment } from "@/lib/mfa/webauthn/confirm-webauthn-enrollment";
import { describeSecurityKeyChallenge } from "@/lib/mfa/webauthn/security-key-challenge";
import { createSessionFromTicket, validateSessionToken } from "@/lib/auth/session";
import { sha256Hex } from "@/lib/security/tokens";

let t: TestDb;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

async function registrationOptions(pendingToken: string) {
  const begun = await beginWebAuthnEnrollment(t.db, { pendingToken });
  if (!begun.ok) throw new Error(begun.code);
  return begun.options;
}

describe("security key registration at login", () => {
  it("stores the named key, completes the login with recovery codes, and the next login asks for the key", async () => {
    const pendingToken = await passwordStepTo(t.db, "bob@acme.test", "ENROLL");
    const options = await registrationOptions(pendingToken);
    const bob = await t.db.user.findUniqueOrThrow({ where: { username: "bob@acme.test" } });
    expect(options).toMatchObject({
      rp: { name: "MFA Console", id: "localhost" },
      user: { name: "bob@acme.test", displayName: "Bob Brown" },
      attestation: "none",
      excludeCredentials: [],
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
      pubKeyCredParams: [
        { alg: -7, type: "public-key" },
        { alg: -257, type: "public-key" },
      ],
    });
    // The challenge lives on the server, bound to this pending login, for 5 minutes.
    const stored = await t.db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: options.challenge } });
    const pending = await t.db.pendingLogin.findUniqueOrThrow({ where: { tokenHash: sha256Hex(pendingToken) } });
    expect(stored).toMatchObject({ purpose: "REGISTRATION", pendingLoginId: pending.id, sessionId: null, userId: bob.id, consumedAt: null });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(5 * 60_000);

    const key = new SoftAuthenticator();
    const nowMs = Date.now();
    const confirmed = await confirmWebAuthnEnrollment(t.db, { pendingToken, name: "YubiKey 5C", response: key.register(options), context: ctx, nowMs });
    if (!confirmed.ok) throw new Error(confirmed.code);
    expect(confirmed.recoveryCodes).toHaveLength(10);

    const row = await storedKey(t.db, key);
    expect(row).toMatchObject({
      userId: bob.id,
      orgId: bob.orgId,
      name: "YubiKey 5C",
      signCount: 0n,
      transports: ["usb"],
      deviceType: "singleDevice",
      backedUp: false,
    });
    // The key finished this login: its "Last used" is now, not "Never" (issue 12).
    expect(row.lastUsedAt).toEqual(new Date(nowMs));
    expect(Buffer.from(row.publicKey).equals(Buffer.from(key.cosePublicKey()))).toBe(true);
    expect((await t.db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: options.challenge } })).consumedAt).not.toBeNull();
    const event = await t.db.verificationEvent.findFirstOrThrow({ where: { userId: bob.id, activity: "METHOD_REGISTERED" } });
    expect(event).toMatchObject({ method: "WEBAUTHN", status: "SUCCEEDED", detail: { name: "YubiKey 5C" } });

    const session = await createSessionFromTicket(t.db, { ticket: confirmed.ticket, pendingToken, context: ctx });
    expect(await validateSessionToken(t.db, session!.token)).toMatchObject({ loginMethod: "WEBAUTHN", level: "HIGH_ASSURANCE" });

    const next = await passwordStepTo(t.db, "bob@acme.test", "WEBAUTHN");
    expect(await describeSecurityKeyChallenge(t.db, { pendingToken: next })).toEqual({
      ok: true,
      username: "bob@acme.test",
      offerTotp: false,
      offerRecoveryCode: true,
    });
  });

  it("refuses a response made for another site, counts it, registers nothing, and spends the challenge", async () => {
    const pendingToken = await passwordStepTo(t.db, "support@acme.test", "ENROLL");
    const options = await registrationOptions(pendingToken);
    const key = new SoftAuthenticator();
    const phished = key.register(options, { origin: "https://acme-login.example" });
    expect(await confirmWebAuthnEnrollment(t.db, { pendingToken, name: "Key", response: phished, context: ctx })).toEqual({
      ok: false,
      code: "INVALID_KEY_RESPONSE",
    });
    const wrongRp = key.register(options, { rpId: "acme-login.example" });
    // One try per challenge: even a good response over the spent challenge is refused.
    expect(await confirmWebAuthnEnrollment(t.db, { pendingToken, name: "Key", response: wrongRp, context: ctx })).toMatchObject({ code: "CHALLENGE_EXPIRED" });
    expect(await confirmWebAuthnEnrollment(t.db, { pendingToken, name: "Key", response: key.register(options), context: ctx })).toMatchObject({
      code: "CHALLENGE_EXPIRED",
    });

    const support = await t.db.user.findUniqueOrThrow({ where: { username: "support@acme.test" } });
    // Only the checked response counts toward lockout; answers to a spent challenge could never succeed.
    expect(support.failedAttempts).toBe(1);
    expect(await t.db.webAuthnCredential.count({ where: { userId: support.id } })).toBe(0);
    const failed = await t.db.verificationEvent.findMany({ where: { userId: support.id, activity: "METHOD_REGISTERED" }, orderBy: { id: "asc" } });
    expect(failed.map((e) => [e.method, e.status, e.reason])).toEqual([
      ["WEBAUTHN", "FAILED", "INVALID_KEY_RESPONSE"],
      ["WEBAUTHN", "FAILED", "CHALLENGE_EXPIRED"],
      ["WEBAUTHN", "FAILED", "CHALLENGE_EXPIRED"],
    ]);

    // A fresh challenge, and the genuine response goes through.
    const again = await registrationOptions(pendingToken);
    expect(again.challenge).not.toBe(options.challenge);
    expect(await confirmWebAuthnEnrollment(t.db, { pendingToken, name: "Key", response: key.register(again), context: ctx })).toMatchObject({ ok: true });
  });

  it("never lets a second account take over a credential id that is already registered", async () => {
    const bobsKey = await t.db.webAuthnCredential.findFirstOrThrow({ where: { user: { username: "bob@acme.test" } } });
    const pendingToken = await passwordStepTo(t.db, "delegate@acme.test", "ENROLL");
    const options = await registrationOptions(pendingToken);
    // A forged authenticator reusing bob's credential id with a key pair of its own.
    const forged = new SoftAuthenticator({ credentialId: Buffer.from(bobsKey.credentialId, "base64url") });
    const response = forged.register(options);
    expect(await confirmWebAuthnEnrollment(t.db, { pendingToken, name: "Mine now", response, context: ctx })).toMatchObject({ code: "INVALID_KEY_RESPONSE" });
    expect(await t.db.webAuthnCredential.count({ where: { credentialId: bobsKey.credentialId } })).toBe(1);
    expect((await t.db.webAuthnCredential.findUniqueOrThrow({ where: { credentialId: bobsKey.credentialId } })).name).toBe("YubiKey 5C");
  });
});
