import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TOTP_PERIOD_SECONDS, generateTotpSecret, hotpCode, matchTotpStep, otpauthUri, timeStepAt, totpCodeAt, totpIssuer } from "./totp";

// RFC 6238 Appendix B and RFC 4226 Appendix D share this ASCII key (20 bytes).
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const OATHTOOL = "/usr/bin/oathtool";

describe("RFC 6238 Appendix B (SHA-1, 8 digits)", () => {
  const vectors: Array<[unixSeconds: number, code: string]> = [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ];

  it.each(vectors)("T=%i → %s", (unixSeconds, code) => {
    expect(hotpCode(RFC_KEY, timeStepAt(unixSeconds * 1000), { digits: 8 })).toBe(code);
  });

  it.each(vectors)("totpCodeAt at T=%i gives the 6-digit truncation of %s", (unixSeconds, code) => {
    // Dynamic truncation is mod 10^digits, so the 6-digit code is the 8-digit code's tail.
    expect(totpCodeAt(RFC_KEY_BASE32, unixSeconds * 1000)).toBe(code.slice(-6));
  });
});

describe("RFC 4226 Appendix D (HOTP, 6 digits)", () => {
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];

  it.each(expected.map((code, counter) => [counter, code] as const))("counter %i → %s", (counter, code) => {
    expect(hotpCode(RFC_KEY, counter)).toBe(code);
    expect(hotpCode(RFC_KEY_BASE32, counter)).toBe(code);
  });
});

describe("timeStepAt", () => {
  it("floors unix seconds by the 30 s period, including at period edges", () => {
    expect(timeStepAt(0)).toBe(0);
    expect(timeStepAt(29_999)).toBe(0);
    expect(timeStepAt(30_000)).toBe(1);
    expect(timeStepAt(1_111_111_109_000)).toBe(37_037_036);
  });
});

describe("matchTotpStep window (±1 step)", () => {
  const secret = generateTotpSecret();
  const nowMs = 1_700_000_015_000; // mid-period, so ±1 step is unambiguous
  const step = timeStepAt(nowMs);
  const codeAtStep = (s: number) => totpCodeAt(secret, s * TOTP_PERIOD_SECONDS * 1000);

  it("accepts the current, previous and next step and returns the step that matched", () => {
    expect(matchTotpStep(secret, codeAtStep(step), nowMs)).toBe(step);
    expect(matchTotpStep(secret, codeAtStep(step - 1), nowMs)).toBe(step - 1);
    expect(matchTotpStep(secret, codeAtStep(step + 1), nowMs)).toBe(step + 1);
  });

  it("rejects codes two steps away", () => {
    // A random secret could make step±2's code collide with step±1's; 1e-6 odds, still guard it.
    for (const far of [step - 2, step + 2]) {
      const code = codeAtStep(far);
      const nearCodes = [step - 1, step, step + 1].map(codeAtStep);
      if (nearCodes.includes(code)) continue;
      expect(matchTotpStep(secret, code, nowMs)).toBeNull();
    }
  });

  it("holds the window at the very start and end of a period", () => {
    const periodStartMs = step * TOTP_PERIOD_SECONDS * 1000;
    const periodEndMs = periodStartMs + TOTP_PERIOD_SECONDS * 1000 - 1;
    expect(matchTotpStep(secret, codeAtStep(step - 1), periodStartMs)).toBe(step - 1);
    expect(matchTotpStep(secret, codeAtStep(step + 1), periodEndMs)).toBe(step + 1);
  });

  it("accepts a code typed with spaces", () => {
    const code = codeAtStep(step);
    expect(matchTotpStep(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, nowMs)).toBe(step);
  });

  it("rejects malformed input without throwing", () => {
    const code = codeAtStep(step);
    const malformed = [
      "",
      "   ",
      code.slice(0, 5),
      `${code}0`,
      "12a456",
      "abcdef",
      `+${code.slice(1)}`,
      "１２３４５６", // full-width digits
      `${code.slice(0, 5)}\u0000`,
    ];
    for (const input of malformed) {
      expect(matchTotpStep(secret, input, nowMs)).toBeNull();
    }
  });
});

describe("cross-check against oathtool", () => {
  it("agrees with oathtool for fixed UTC times", () => {
    // CI installs oathtool; a missing binary should fail loudly, not skip the only independent check.
    expect(existsSync(OATHTOOL), `${OATHTOOL} is required (apt-get install oathtool)`).toBe(true);
    const secret = generateTotpSecret();
    for (const unixSeconds of [1_234_567_890, 1_700_000_000, 2_000_000_029]) {
      const utc = new Date(unixSeconds * 1000)
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC");
      const theirs = execFileSync(OATHTOOL, ["--totp", "-b", secret, "--now", utc], { encoding: "utf8" }).trim();
      expect(totpCodeAt(secret, unixSeconds * 1000)).toBe(theirs);
    }
  });
});

describe("generateTotpSecret", () => {
  it("returns 20 random bytes as unpadded base32", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits / 5 bits per character
    expect(generateTotpSecret()).not.toBe(secret);
  });
});

describe("otpauthUri", () => {
  it("has the key-URI shape with every parameter stated", () => {
    const uri = otpauthUri({ secretBase32: RFC_KEY_BASE32, accountName: "alice@acme.test", issuer: "MFA Console (Acme)" });
    expect(uri).toBe(
      "otpauth://totp/MFA%20Console%20(Acme):alice%40acme.test" + `?secret=${RFC_KEY_BASE32}&issuer=MFA%20Console%20(Acme)&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it("encodes reserved characters and keeps the issuer/account colon unambiguous", () => {
    const uri = otpauthUri({ secretBase32: RFC_KEY_BASE32, accountName: "a+b:c&d@x.test", issuer: "MFA Console (A&B: Ltd, Sandbox)" });
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    const label = decodeURIComponent(url.pathname.slice(1));
    expect(label.split(":")).toHaveLength(2);
    expect(url.searchParams.get("issuer")).toBe("MFA Console (A&B Ltd, Sandbox)");
    expect(label).toBe("MFA Console (A&B Ltd, Sandbox):a+b c&d@x.test");
    expect(url.searchParams.get("secret")).toBe(RFC_KEY_BASE32);
    expect(uri).not.toContain("+b"); // "+" must be %2B, or apps read it as a space
  });
});

describe("totpIssuer", () => {
  it("names product and org, and the environment when set", () => {
    expect(totpIssuer({ orgName: "Acme" })).toBe("MFA Console (Acme)");
    expect(totpIssuer({ orgName: "Acme", environment: null })).toBe("MFA Console (Acme)");
    expect(totpIssuer({ orgName: "Acme", environment: "  " })).toBe("MFA Console (Acme)");
    expect(totpIssuer({ orgName: "Acme", environment: "Sandbox" })).toBe("MFA Console (Acme, Sandbox)");
  });

  it("gives different orgs and environments different issuers, so app entries never collide", () => {
    const issuers = new Set([totpIssuer({ orgName: "Acme" }), totpIssuer({ orgName: "Globex" }), totpIssuer({ orgName: "Acme", environment: "Sandbox" })]);
    expect(issuers.size).toBe(3);
  });
});
