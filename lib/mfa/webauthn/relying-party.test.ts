import { describe, expect, it } from "vitest";
import { resolveRelyingParty } from "./relying-party";

describe("WebAuthn relying party", () => {
  it("defaults to the host and origin of the console's URL", () => {
    expect(resolveRelyingParty({ appUrl: "http://localhost:3000" })).toEqual({ name: "MFA Console", id: "localhost", origin: "http://localhost:3000" });
    expect(resolveRelyingParty({ appUrl: "https://Console.Example.com/some/path" })).toMatchObject({
      id: "console.example.com",
      origin: "https://console.example.com",
    });
  });

  it("takes an explicit origin and a parent-domain RP ID", () => {
    expect(resolveRelyingParty({ appUrl: "http://localhost:3000", origin: "https://mfa.example.com:8443", rpId: "example.com" })).toMatchObject({
      id: "example.com",
      origin: "https://mfa.example.com:8443",
    });
  });

  it("refuses an RP ID the browser would refuse, and a malformed origin", () => {
    expect(() => resolveRelyingParty({ appUrl: "https://mfa.example.com", rpId: "example.org" })).toThrow(/MFA_WEBAUTHN_RP_ID "example.org"/);
    expect(() => resolveRelyingParty({ appUrl: "https://mfa.example.com", rpId: "ample.com" })).toThrow(/parent domain/);
    expect(() => resolveRelyingParty({ appUrl: "localhost:3000x", origin: "not a url" })).toThrow(/not a URL/);
  });
});
