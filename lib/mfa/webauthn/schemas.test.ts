import { describe, expect, it } from "vitest";
import { authenticationResponseSchema, DEFAULT_KEY_NAME, keyNameSchema } from "./schemas";
import { cleanTransports, counterRegressed } from "./stored-credentials";

describe("key names", () => {
  it("are trimmed, required and at most 60 characters", () => {
    expect(keyNameSchema.parse("  YubiKey 5C  ")).toBe("YubiKey 5C");
    expect(keyNameSchema.parse(DEFAULT_KEY_NAME)).toBe("Security key");
    expect(keyNameSchema.safeParse("   ").error?.issues[0]?.message).toBe("Give this key a name.");
    expect(keyNameSchema.safeParse("x".repeat(60)).success).toBe(true);
    expect(keyNameSchema.safeParse("x".repeat(61)).error?.issues[0]?.message).toBe("Use at most 60 characters.");
  });
});

describe("browser responses", () => {
  const valid = {
    id: "AAEC",
    rawId: "AAEC",
    type: "public-key",
    clientExtensionResults: { credProps: { rk: true }, somethingElse: 1 },
    response: { clientDataJSON: "eyJ9", authenticatorData: "AAAA", signature: "AAAA" },
  };
  it("keep what the verifier reads and drop the rest", () => {
    expect(authenticationResponseSchema.parse(valid).clientExtensionResults).toEqual({ credProps: { rk: true } });
  });
  it("refuse a wrong type, non-base64url data and oversized fields", () => {
    expect(authenticationResponseSchema.safeParse({ ...valid, type: "password" }).success).toBe(false);
    expect(authenticationResponseSchema.safeParse({ ...valid, response: { ...valid.response, signature: "not base64!" } }).success).toBe(false);
    expect(authenticationResponseSchema.safeParse({ ...valid, id: "A".repeat(1365) }).success).toBe(false);
  });
});

describe("signature counters (WebAuthn §6.1.1)", () => {
  it("must increase once either side is non-zero", () => {
    expect(counterRegressed(0n, 0)).toBe(false); // a key that keeps no counter
    expect(counterRegressed(0n, 1)).toBe(false);
    expect(counterRegressed(5n, 6)).toBe(false);
    expect(counterRegressed(5n, 5)).toBe(true);
    expect(counterRegressed(5n, 4)).toBe(true);
    expect(counterRegressed(5n, 0)).toBe(true);
  });
});

describe("transports", () => {
  it("keep only the ones WebAuthn defines, once each", () => {
    expect(cleanTransports(["usb", "nfc", "usb", "<script>", "hybrid"])).toEqual(["usb", "nfc", "hybrid"]);
    expect(cleanTransports(undefined)).toEqual([]);
  });
});
