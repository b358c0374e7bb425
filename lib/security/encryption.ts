// AES-256-GCM for secrets we must read back (TOTP seeds, webhook signing secrets) — SPEC L4.
// Stored format: v1.<base64url iv>.<base64url tag>.<base64url ciphertext>
// The "v1" prefix lets a later key or algorithm change coexist with rows written today.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const FORMAT_VERSION = "v1";
const KEY_BYTES = 32;
// 96-bit IVs are GCM's native size; any other length is hashed into one and loses margin.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";
const ENV_KEY_NAME = "MFA_ENCRYPTION_KEY";

export type SecretCipherOptions = {
  /**
   * Associated data: authenticated, not stored. Bind a ciphertext to its owner (e.g. the user id)
   * so a row copied onto another user fails to decrypt. The same value must be given to decrypt.
   * GCM treats "" exactly like no associated data.
   */
  aad?: string;
  /** Defaults to getEncryptionKey(); tests and key rotation pass one explicitly. */
  key?: Buffer;
};

/** Reads MFA_ENCRYPTION_KEY (base64 of 32 bytes) on every call so a rotated env takes effect. */
export function getEncryptionKey(): Buffer {
  const encoded = process.env[ENV_KEY_NAME]?.trim();
  if (!encoded) {
    throw new Error(`${ENV_KEY_NAME} is not set: expected base64 of ${KEY_BYTES} random bytes`);
  }
  // Buffer.from silently skips invalid characters, so validate the alphabet first.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) {
    throw new Error(`${ENV_KEY_NAME} is not valid base64`);
  }
  const key = Buffer.from(encoded, "base64");
  if (key.length !== KEY_BYTES) {
    throw new Error(`${ENV_KEY_NAME} must decode to ${KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

// A bare Buffer is accepted too, for callers that only want to pass a key.
function resolveOptions(keyOrOptions?: Buffer | SecretCipherOptions): { key: Buffer; aad?: string } {
  const options: SecretCipherOptions = Buffer.isBuffer(keyOrOptions) ? { key: keyOrOptions } : (keyOrOptions ?? {});
  const key = options.key ?? getEncryptionKey();
  if (key.length !== KEY_BYTES) {
    throw new Error(`AES-256-GCM key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
  return { key, aad: options.aad };
}

export function encryptSecret(plaintext: string, keyOrOptions?: Buffer | SecretCipherOptions): string {
  const { key, aad } = resolveOptions(keyOrOptions);
  // A fresh random IV per message: reusing an IV under one GCM key reveals the XOR of plaintexts
  // and lets an attacker forge tags.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT_VERSION, iv, tag, ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/**
 * Throws on a wrong key, wrong associated data, or any tampering: each means a bug or a corrupted
 * row, never a user mistake, so there is no "expected failure" value to return.
 */
export function decryptSecret(ciphertext: string, keyOrOptions?: Buffer | SecretCipherOptions): string {
  const { key, aad } = resolveOptions(keyOrOptions);
  const parts = ciphertext.split(".");
  if (parts.length !== 4 || parts[0] !== FORMAT_VERSION) {
    throw new Error(`Encrypted secret is not in ${FORMAT_VERSION} format`);
  }
  const [, ivPart, tagPart, bodyPart] = parts as [string, string, string, string];
  const iv = Buffer.from(ivPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  // Node accepts tags as short as 4 bytes unless told otherwise; a truncated tag is forgeable.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error("Encrypted secret has a malformed IV or authentication tag");
  }
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, "utf8"));
  try {
    const plaintext = Buffer.concat([decipher.update(Buffer.from(bodyPart, "base64url")), decipher.final()]);
    return plaintext.toString("utf8");
  } catch {
    // OpenSSL's message ("Unsupported state or unable to authenticate data") hides the likely causes.
    throw new Error("Encrypted secret failed authentication: wrong key, wrong associated data, or tampered data");
  }
}
