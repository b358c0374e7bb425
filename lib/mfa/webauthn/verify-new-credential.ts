// The check every new key goes through, at login (L3) and on My security (B7): a valid
// registration over the live challenge from our origin and RP ID, with an algorithm we accept,
// and a credential id no account holds yet. Nothing is written here: the caller stores the key
// (saveCredential, which refuses an id taken meanwhile) in the transaction that spends the challenge.
import { verifyRegistrationResponse, type VerifiedRegistrationResponse } from "@simplewebauthn/server";
import type { Prisma } from "@db/generated";
import { relyingParty, SUPPORTED_ALGORITHM_IDS } from "./relying-party";
import type { RegistrationResponse } from "./schemas";

export type NewCredential = NonNullable<VerifiedRegistrationResponse["registrationInfo"]>;

type Reader = { webAuthnCredential: { count(args: Prisma.WebAuthnCredentialCountArgs): PromiseLike<number> } };

/** The verified credential, or null for any response that is not one (the caller refuses it). */
export async function verifyNewCredential(db: Reader, opts: { challenge: string; response: RegistrationResponse }): Promise<NewCredential | null> {
  const rp = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: opts.response,
    expectedChallenge: opts.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    // userVerification was "preferred": a key without a PIN is still a second factor.
    requireUserVerification: false,
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
  }).catch(() => null); // the library throws on any malformed or mismatched response
  const info = verification?.verified ? verification.registrationInfo : undefined;
  if (!info) return null;
  // Credential ids are unique across the whole table: one already stored is never taken over.
  // Through a tenant-scoped reader this sees the caller's org only; saveCredential's insert
  // still refuses an id held in another org (or registered meanwhile) by the unique index.
  const taken = await db.webAuthnCredential.count({ where: { credentialId: info.credential.id } });
  return taken > 0 ? null : info;
}
