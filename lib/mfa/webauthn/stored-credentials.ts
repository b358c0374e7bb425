// Between our webauthn_credentials rows and what @simplewebauthn expects. The credential id is
// stored as the base64url text the browser reports it as, so a response's `id` looks it up as is.
import type { Prisma, WebAuthnCredential as CredentialRow } from "@db/generated";
import type { WebAuthnCredential } from "@simplewebauthn/server";

type Reader = Pick<Prisma.TransactionClient, "webAuthnCredential">;

// The transports WebAuthn defines; the browser's list is client input, so anything else is dropped
// before it is stored and handed back to browsers as a hint.
const KNOWN_TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

export function cleanTransports(reported: readonly string[] | undefined): string[] {
  return [...new Set((reported ?? []).filter((t) => KNOWN_TRANSPORTS.has(t)))];
}

/** The user's keys, oldest first (the order the browser is offered them in). */
export async function listUserCredentials(db: Reader, userId: string): Promise<CredentialRow[]> {
  return db.webAuthnCredential.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

/** For allowCredentials / excludeCredentials: which keys, and how the browser may reach them. */
export function descriptorOf(row: Pick<CredentialRow, "credentialId" | "transports">): { id: string; transports?: string[] } {
  return row.transports.length ? { id: row.credentialId, transports: row.transports } : { id: row.credentialId };
}

/**
 * The stored key as the verifier wants it. The counter is handed over as 0 on purpose: the
 * library would reject a regression with a bare Error, indistinguishable from a forged signature;
 * verify-webauthn-login.ts compares counters itself, after the signature is proven, so a cloned
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
