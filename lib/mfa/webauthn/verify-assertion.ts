// The check every security key answer goes through, at login and at step-up (L5): a key of this
// user in this org, a passkey naming this account, a valid signature over the live challenge from
// our origin and RP ID, and a signature counter that moved forward. Nothing is written here: the
// caller spends the challenge and stores the counter (recordKeyUse) in the transaction that
// finishes its flow, and decides what a refusal costs.
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import type { Prisma, WebAuthnCredential as CredentialRow } from "@db/generated";
import { counterRegressed, verifierCredential } from "./stored-credentials";
import { relyingParty, userHandleOf } from "./relying-party";
import type { AuthenticationResponse } from "./schemas";

export type AssertionRefusal = "INVALID_KEY_RESPONSE" | "COUNTER_REGRESSION";

export type CheckedAssertion =
  { ok: true; key: CredentialRow; newCounter: number; backedUp: boolean; userVerified: boolean } | { ok: false; reason: AssertionRefusal };

type Reader = { webAuthnCredential: { findFirst(args: Prisma.WebAuthnCredentialFindFirstArgs): PromiseLike<CredentialRow | null> } };

export async function verifyAssertion(
  db: Reader,
  opts: { user: { id: string; orgId: string }; challenge: string; response: AuthenticationResponse },
): Promise<CheckedAssertion> {
  const { user, response } = opts;
  // Only a key of this user in this org can answer: anyone else's key finds nothing here.
  const key = await db.webAuthnCredential.findFirst({ where: { credentialId: response.id, userId: user.id, orgId: user.orgId } });
  if (!key) return { ok: false, reason: "INVALID_KEY_RESPONSE" };
  // A passkey names its account; it must be this one (WebAuthn §7.2 step 6).
  const handle = response.response.userHandle;
  if (handle && handle !== isoBase64URL.fromBuffer(userHandleOf(user.id))) return { ok: false, reason: "INVALID_KEY_RESPONSE" };

  const rp = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: opts.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: verifierCredential(key),
    // userVerification was "preferred": presence suffices after the password.
    requireUserVerification: false,
  }).catch(() => null); // the library throws on any malformed or mismatched response
  if (!verification?.verified) return { ok: false, reason: "INVALID_KEY_RESPONSE" };
  const { newCounter, credentialBackedUp, userVerified } = verification.authenticationInfo;
  // Checked only now that the signature is proven: this is the real key, or a copy of it.
  if (counterRegressed(key.signCount, newCounter)) return { ok: false, reason: "COUNTER_REGRESSION" };
  return { ok: true, key, newCounter, backedUp: credentialBackedUp, userVerified };
}
