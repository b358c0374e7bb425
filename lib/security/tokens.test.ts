import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, hmacSha256Hex, randomToken, sha256Hex } from "./tokens";

describe("randomToken", () => {
  it("returns base64url of the requested byte count", () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, unpadded
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(Buffer.from(randomToken(48), "base64url")).toHaveLength(48);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
  });

  it("refuses guessably short tokens", () => {
    expect(() => randomToken(8)).toThrow(RangeError);
  });
});

describe("sha256Hex", () => {
  it("matches the FIPS 180-2 'abc' vector", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("hmacSha256Hex", () => {
  it("matches RFC 4231 test case 2", () => {
    expect(hmacSha256Hex("Jefe", "what do ya want for nothing?")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("accepts a Buffer key", () => {
    const key = Buffer.from("0b".repeat(20), "hex");
    expect(hmacSha256Hex(key, "Hi There")).toBe(createHmac("sha256", key).update("Hi There").digest("hex"));
  });
});

describe("constantTimeEqual", () => {
  it("is true only for identical strings", () => {
    expect(constantTimeEqual("abc123", "abc123")).toBe(true);
    expect(constantTimeEqual("abc123", "abc124")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("handles different lengths without throwing", () => {
    expect(constantTimeEqual("short", "a much longer value")).toBe(false);
    expect(constantTimeEqual("", "x")).toBe(false);
  });
});
