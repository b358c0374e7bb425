import { describe, expect, it } from "vitest";
import type { VerificationMethod } from "@db/generated";
import { newStepUpWarnings, stepUpWarnings, unconfirmedWarnings, warningsConfirmation } from "./step-up-warnings";

const DEFAULT: VerificationMethod[] = ["TOTP", "WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"];
const keys = (methods: VerificationMethod[]) => stepUpWarnings(methods).map((w) => w.key);
const without = (...drop: VerificationMethod[]) => DEFAULT.filter((m) => !drop.includes(m));

describe("stepUpWarnings (S2: logins that give High Assurance, and who can still step up)", () => {
  it("says nothing about the default, nor about ticking Password alone", () => {
    expect(stepUpWarnings(DEFAULT)).toEqual([]);
    expect(stepUpWarnings([...DEFAULT, "PASSWORD"])).toEqual([]);
  });

  it("unticking the authenticator app: app logins are Standard and the app no longer steps up", () => {
    const [warning, ...rest] = stepUpWarnings(without("TOTP"));
    expect(rest).toEqual([]);
    expect(warning).toEqual({
      key: "LOGIN_STANDARD:TOTP",
      method: "TOTP",
      message:
        "Logging in with the authenticator app would give a Standard session, and the authenticator app could no longer step up: those users reach High Assurance only with a security key or passkey or a recovery code, if they have one.",
    });
  });

  it("leaving recovery codes as the only step-up warns about that too", () => {
    expect(keys(without("TOTP", "WEBAUTHN"))).toEqual(["LOGIN_STANDARD:WEBAUTHN", "LOGIN_STANDARD:TOTP", "RECOVERY_CODES_ONLY"]);
    expect(stepUpWarnings(without("TOTP", "WEBAUTHN")).find((w) => w.key === "LOGIN_STANDARD:TOTP")?.message).toContain(
      "only with a recovery code, if they have one",
    );
  });

  it("no step-up method at all: every unticked method says its users could not reach High Assurance", () => {
    const warnings = stepUpWarnings(["TEMP_CODE"]);
    expect(warnings.map((w) => w.key)).toEqual(["LOGIN_STANDARD:WEBAUTHN", "LOGIN_STANDARD:TOTP", "LOGIN_STANDARD:RECOVERY_CODE", "NO_STEP_UP"]);
    expect(warnings[0]!.message).toMatch(/could not reach High Assurance at all\.$/);
    expect(keys([])).toContain("NO_STEP_UP");
    expect(keys(["PASSWORD"])).toContain("NO_STEP_UP");
  });

  it("a temporary code never steps up, so unticking it warns even with every step-up method left", () => {
    const [warning] = stepUpWarnings(without("TEMP_CODE"));
    expect(warning!.key).toBe("LOGIN_STANDARD:TEMP_CODE");
    expect(warning!.message).toBe(
      "Logging in with a temporary code would give a Standard session, and a temporary code never steps up: those users reach High Assurance only with a security key or passkey, the authenticator app or a recovery code, if they have one.",
    );
  });
});

describe("newStepUpWarnings (only what this change breaks)", () => {
  it("warns about a change, not about what was already saved", () => {
    expect(newStepUpWarnings(DEFAULT, without("TOTP")).map((w) => w.key)).toEqual(["LOGIN_STANDARD:TOTP"]);
    expect(newStepUpWarnings(without("TOTP"), without("TOTP"))).toEqual([]);
    expect(newStepUpWarnings(without("TOTP"), without("TOTP", "WEBAUTHN")).map((w) => w.key)).toEqual(["LOGIN_STANDARD:WEBAUTHN", "RECOVERY_CODES_ONLY"]);
    // Ticking a method back in fixes things; nothing to confirm.
    expect(newStepUpWarnings(without("TOTP", "WEBAUTHN"), DEFAULT)).toEqual([]);
  });
});

describe("the confirmation covers exactly the warnings shown", () => {
  const shown = newStepUpWarnings(DEFAULT, without("TOTP"));

  it("accepts the value the form sent for these warnings, in any order", () => {
    expect(warningsConfirmation(shown)).toBe("LOGIN_STANDARD:TOTP");
    expect(unconfirmedWarnings(shown, warningsConfirmation(shown))).toEqual([]);
    const two = newStepUpWarnings(DEFAULT, without("TOTP", "WEBAUTHN"));
    expect(unconfirmedWarnings(two, "RECOVERY_CODES_ONLY,LOGIN_STANDARD:WEBAUTHN,LOGIN_STANDARD:TOTP")).toEqual([]);
  });

  it("refuses no confirmation, and a confirmation of fewer warnings than the change brings", () => {
    expect(unconfirmedWarnings(shown, null)).toEqual(shown);
    expect(unconfirmedWarnings(shown, "")).toEqual(shown);
    const more = newStepUpWarnings(DEFAULT, without("TOTP", "WEBAUTHN"));
    expect(unconfirmedWarnings(more, warningsConfirmation(shown)).map((w) => w.key)).toEqual(["LOGIN_STANDARD:WEBAUTHN", "RECOVERY_CODES_ONLY"]);
  });
});
