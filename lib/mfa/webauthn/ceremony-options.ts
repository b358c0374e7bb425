// What the browser is asked (L5), the same wherever a ceremony runs. Proving a key (login,
// step-up): the user's own keys only, user verification preferred — a password or a session came
// first. Creating one (registration at login, L3; My security, B7): no attestation, passkeys
// welcome, the user's existing keys excluded so one authenticator is not registered twice.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import type { WebAuthnCredential as CredentialRow } from "@db/generated";
import { descriptorOf } from "./stored-credentials";
import { CEREMONY_TIMEOUT_MS, relyingParty, SUPPORTED_ALGORITHM_IDS, userHandleOf } from "./relying-party";

export async function buildAuthenticationOptions(keys: readonly CredentialRow[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    // Naming the keys lets a plain (non-discoverable) security key answer, and keeps the browser
    // from offering passkeys of other accounts.
    allowCredentials: keys.map(descriptorOf),
    userVerification: "preferred",
    timeout: CEREMONY_TIMEOUT_MS,
  });
}

export async function buildRegistrationOptions(opts: {
  user: { id: string; username: string; name: string };
  existing: readonly CredentialRow[];
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty();
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: opts.user.username,
    userDisplayName: opts.user.name,
    userID: userHandleOf(opts.user.id),
    timeout: CEREMONY_TIMEOUT_MS,
    // No attestation: we trust the key the person holds, not its make and model, and "none"
    // spares them the browser's privacy prompt.
    attestationType: "none",
    excludeCredentials: opts.existing.map(descriptorOf),
    // Passkeys welcome (discoverable if the authenticator can), plain security keys too; a PIN or
    // biometric is used when the key has one, but the password already came first.
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
  });
}
