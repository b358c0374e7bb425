// TOTP secrets at rest: AES-256-GCM, bound to their owner's user id as associated data so a
// ciphertext copied onto another user's row does not decrypt.
import { decryptSecret, encryptSecret } from "@/lib/security/encryption";

export function encryptTotpSecret(secretBase32: string, userId: string): string {
  return encryptSecret(secretBase32, { aad: `totp:${userId}` });
}

export function decryptTotpSecret(factor: { secretCiphertext: string; userId: string }): string {
  return decryptSecret(factor.secretCiphertext, { aad: `totp:${factor.userId}` });
}
