import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, getEncryptionKey } from "./encryption";

const key = randomBytes(32);

// Swap one base64url character for another so the decoded bytes change but stay well-formed.
function flipChar(part: string, index = 0): string {
  const replacement = part[index] === "A" ? "B" : "A";
  return part.slice(0, index) + replacement + part.slice(index + 1);
}

function withPart(ciphertext: string, partIndex: number, edit: (part: string) => string): string {
  const parts = ciphertext.split(".");
  parts[partIndex] = edit(parts[partIndex]!);
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, including empty and non-ASCII plaintext", () => {
    for (const plaintext of ["JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "", "päss 🔑"]) {
      expect(decryptSecret(encryptSecret(plaintext, { key }), { key })).toBe(plaintext);
    }
  });

  it("writes v1.<iv 12 bytes>.<tag 16 bytes>.<ciphertext> in base64url", () => {
    const [version, iv, tag, body] = encryptSecret("secret", { key }).split(".");
    expect(version).toBe("v1");
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(Buffer.from(body!, "base64url")).toHaveLength("secret".length);
    for (const part of [iv, tag, body]) expect(part).toMatch(/^[A-Za-z0-9_-]*$/);
  });

  it("uses a fresh IV for every encryption", () => {
    const ivs = new Set(Array.from({ length: 50 }, () => encryptSecret("same", { key }).split(".")[1]));
    expect(ivs.size).toBe(50);
  });

  it("accepts a bare key Buffer as the second argument", () => {
    expect(decryptSecret(encryptSecret("x", key), key)).toBe("x");
  });

  it("rejects a tampered ciphertext, tag or IV", () => {
    const ciphertext = encryptSecret("secret value", { key });
    for (const partIndex of [1, 2, 3]) {
      expect(() => decryptSecret(withPart(ciphertext, partIndex, flipChar), { key })).toThrow(/failed authentication/);
    }
  });

  it("rejects a truncated tag instead of checking fewer bytes", () => {
    const ciphertext = encryptSecret("secret value", { key });
    expect(() =>
      decryptSecret(
        withPart(ciphertext, 2, (tag) => tag.slice(0, 8)),
        { key },
      ),
    ).toThrow(/malformed/);
  });

  it("rejects malformed envelopes", () => {
    const ciphertext = encryptSecret("secret value", { key });
    expect(() => decryptSecret(ciphertext.replace(/^v1/, "v2"), { key })).toThrow(/format/);
    expect(() => decryptSecret(ciphertext.split(".").slice(1).join("."), { key })).toThrow(/format/);
    expect(() => decryptSecret("not encrypted", { key })).toThrow(/format/);
  });

  it("rejects the wrong key", () => {
    const ciphertext = encryptSecret("secret value", { key });
    expect(() => decryptSecret(ciphertext, { key: randomBytes(32) })).toThrow(/failed authentication/);
  });

  it("binds associated data: wrong or missing aad is rejected", () => {
    const ciphertext = encryptSecret("totp seed", { key, aad: "user-1" });
    expect(decryptSecret(ciphertext, { key, aad: "user-1" })).toBe("totp seed");
    expect(() => decryptSecret(ciphertext, { key, aad: "user-2" })).toThrow(/failed authentication/);
    expect(() => decryptSecret(ciphertext, { key })).toThrow(/failed authentication/);
    const withoutAad = encryptSecret("totp seed", { key });
    expect(() => decryptSecret(withoutAad, { key, aad: "user-1" })).toThrow(/failed authentication/);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => encryptSecret("x", { key: randomBytes(16) })).toThrow(/32 bytes/);
  });
});

describe("getEncryptionKey", () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.MFA_ENCRYPTION_KEY;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.MFA_ENCRYPTION_KEY;
    else process.env.MFA_ENCRYPTION_KEY = saved;
  });

  it("decodes a base64 32-byte key from the environment and is used by default", () => {
    process.env.MFA_ENCRYPTION_KEY = key.toString("base64");
    expect(getEncryptionKey().equals(key)).toBe(true);
    expect(decryptSecret(encryptSecret("env key"), { key })).toBe("env key");
  });

  it("throws a clear error when missing, not base64, or the wrong length", () => {
    delete process.env.MFA_ENCRYPTION_KEY;
    expect(() => getEncryptionKey()).toThrow(/MFA_ENCRYPTION_KEY is not set/);
    process.env.MFA_ENCRYPTION_KEY = "not base64!";
    expect(() => getEncryptionKey()).toThrow(/not valid base64/);
    process.env.MFA_ENCRYPTION_KEY = randomBytes(31).toString("base64");
    expect(() => getEncryptionKey()).toThrow(/32 bytes, got 31/);
  });
});
