import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";

const PASSWORD = "correct horse battery staple";

describe("hashPassword", () => {
  it("uses argon2id at OWASP parameters with a random salt", async () => {
    const first = await hashPassword(PASSWORD);
    const second = await hashPassword(PASSWORD);
    expect(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(second).not.toBe(first);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword(stored, PASSWORD)).toBe(true);
    expect(await verifyPassword(stored, `${PASSWORD}!`)).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("returns false, never throws, for malformed hashes", async () => {
    const malformed = [
      "",
      "plaintext-password",
      "$argon2id$",
      "$argon2id$v=19$m=19456,t=2,p=1$bm90LWJhc2U2NA$",
      "$argon2id$v=19$m=abc,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
      "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234", // bcrypt
    ];
    for (const stored of malformed) {
      await expect(verifyPassword(stored, PASSWORD)).resolves.toBe(false);
    }
  });
});

describe("verifyAgainstDummy", () => {
  it("always returns false, whatever the password", async () => {
    expect(await verifyAgainstDummy(PASSWORD)).toBe(false);
    expect(await verifyAgainstDummy("")).toBe(false);
  });

  it("costs about as much as verifying a real hash (SPEC L1)", async () => {
    const stored = await hashPassword(PASSWORD);
    await verifyAgainstDummy("warm-up"); // the first call also computes the dummy hash
    // Interleaved, and medians: the two must meet the same scheduler (vitest runs files in
    // parallel), so a burst of load elsewhere cannot land on one side only.
    const real: number[] = [];
    const dummy: number[] = [];
    const timeOnce = async (fn: () => Promise<unknown>, into: number[]) => {
      const startedMs = performance.now();
      await fn();
      into.push(performance.now() - startedMs);
    };
    for (let i = 0; i < 7; i++) {
      await timeOnce(() => verifyPassword(stored, "wrong password"), real);
      await timeOnce(() => verifyAgainstDummy("wrong password"), dummy);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const realMs = median(real);
    const dummyMs = median(dummy);
    // Loose bounds: this guards against a dummy that skips argon2, not against scheduler noise.
    expect(dummyMs).toBeGreaterThan(realMs * 0.5);
    expect(dummyMs).toBeLessThan(realMs * 2);
  });
});

describe("needsRehash", () => {
  it("is false for a current hash and true for other parameters or junk", async () => {
    expect(needsRehash(await hashPassword(PASSWORD))).toBe(false);
    expect(needsRehash("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")).toBe(true);
    expect(needsRehash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")).toBe(true);
    expect(needsRehash("garbage")).toBe(true);
  });
});
