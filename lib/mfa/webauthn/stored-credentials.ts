// Between our webauthn_credentials rows and what @simplewebauthn expects, and the two writes every
// ceremony ends with (a new key; a key's counter and last use). The credential id is stored as the
// base64url text the browser reports it as, so a response's `id` looks it up as is.
import type { Prisma, WebAuthnCredential as CredentialRow } from "@db/generated";
import type { WebAuthnCredential } from "@simplewebauthn/server";
import type { NewCredential } from "./verify-new-credential";

type Lister = { webAuthnCredential: { findMany(args: Prisma.WebAuthnCredentialFindManyArgs): PromiseLike<CredentialRow[]> } };

// The transports WebAuthn defines; the browser's list is client input, so anything else is dropped
// before it is stored and handed back to browsers as a hint.
const KNOWN_TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

export function cleanTransports(reported: readonly string[] | undefined): string[] {
  return [...new Set((reported ?? []).filter((t) => KNOWN_TRANSPORTS.has(t)))];
}

/** The user's keys, oldest first (the order the browser is offered them in). */
export async function listUserCredentials(db: Lister, userId: string): Promise<CredentialRow[]> {
  return db.webAuthnCredential.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

/** For allowCredentials / excludeCredentials: which keys, and how the browser may reach them. */
export function descriptorOf(row: Pick<CredentialRow, "credentialId" | "transports">): { id: string; transports?: string[] } {
  return row.transports.length ? { id: row.credentialId, transports: row.transports } : { id: row.credentialId };
}

/**
 * The stored key as the verifier wants it. The counter is handed over as 0 on purpose: the
 * library would reject a regression with a bare Error, indistinguishable from a forged signature;
 * verify-assertion.ts compares counters itself, after the signature is proven, so a cloned
 * key is told apart from a bad response (and recorded as such).
 */
export function verifierCredential(row: Pick<CredentialRow, "credentialId" | "publicKey" | "transports">): WebAuthnCredential {
  return { id: row.credentialId, publicKey: row.publicKey, counter: 0, transports: row.transports as WebAuthnCredential["transports"] };
}

/**
 * W3C WebAuthn §6.1.1: a counter that does not increase — when either the stored or the reported
 * value is non-zero — means two copies of the key are in use. Keys without a counter report 0.
 */
export function counterRegressed(stored: bigint, reported: number): boolean {
  const next = BigInt(reported);
  return (next > 0n || stored > 0n) && next <= stored;
}

// Narrow on purpose: a transaction of the plain client or of a tenant-scoped one (lib/db/tenant).
type Saver = { webAuthnCredential: { createMany(args: Prisma.WebAuthnCredentialCreateManyArgs): PromiseLike<{ count: number }> } };
type Updater = { webAuthnCredential: { updateMany(args: Prisma.WebAuthnCredentialUpdateManyArgs): PromiseLike<{ count: number }> } };

/**
 * Stores a verified new key under the name its owner chose. False when its credential id is
 * already stored — in any org, or by a registration that won a race: the unique index decides,
 * without aborting the caller's transaction (ON CONFLICT DO NOTHING).
 *
 * `usedToLogIn`: the key registered at login also finishes that login (lib/mfa/complete-enrollment.ts),
 * so it was used now — "Last used" says so, as an authenticator app enrolled at login does
 * (confirm-totp-enrollment.ts). A key added from My security opens no session: not used yet.
 */
export async function saveCredential(
  tx: Saver,
  opts: { user: { id: string; orgId: string }; name: string; credential: NewCredential; nowMs: number; usedToLogIn: boolean },
): Promise<boolean> {
  const { credential: info } = opts;
  const { count } = await tx.webAuthnCredential.createMany({
    data: [
      {
        orgId: opts.user.orgId,
        userId: opts.user.id,
        name: opts.name,
        credentialId: info.credential.id,
        publicKey: info.credential.publicKey,
        signCount: BigInt(info.credential.counter),
        transports: cleanTransports(info.credential.transports),
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        createdAt: new Date(opts.nowMs),
        lastUsedAt: opts.usedToLogIn ? new Date(opts.nowMs) : null,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

/**
 * Stores a proven assertion's counter and last use: a compare-and-set on the counter just checked
 * (verifyAssertion), so if another assertion of this key was accepted in the meantime, this one
 * is no longer ahead of it and false comes back — a regression after all.
 */
export async function recordKeyUse(
  tx: Updater,
  opts: { key: Pick<CredentialRow, "id" | "signCount">; newCounter: number; backedUp: boolean; nowMs: number },
): Promise<boolean> {
  const { count } = await tx.webAuthnCredential.updateMany({
    where: { id: opts.key.id, signCount: opts.key.signCount },
    data: { signCount: BigInt(opts.newCounter), backedUp: opts.backedUp, lastUsedAt: new Date(opts.nowMs) },
  });
  return count === 1;
}
