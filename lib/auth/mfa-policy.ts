// Whether a login needs a second factor, and which challenge comes first (SPEC L2, L3, S1, T4).
import type { OrgSettings, Permission, SessionLevel, VerificationMethod } from "@db/generated";

export function isMfaRequired(opts: {
  settings: Pick<OrgSettings, "requireMfaForUiLogins">;
  permissions: Set<Permission>;
  profileRequiredLevel: SessionLevel | null;
}): boolean {
  return opts.settings.requireMfaForUiLogins || opts.permissions.has("MFA_FOR_UI_LOGINS") || opts.profileRequiredLevel === "HIGH_ASSURANCE";
}

export type Challenge = "TEMP_CODE" | "WEBAUTHN" | "TOTP" | "ENROLL";

/** An active temporary code bypasses every other method; then keys; then the authenticator app. */
export function firstChallenge(registered: { hasActiveTempCode: boolean; webauthnCount: number; totpCount: number }): Challenge {
  if (registered.hasActiveTempCode) return "TEMP_CODE";
  if (registered.webauthnCount > 0) return "WEBAUTHN";
  if (registered.totpCount > 0) return "TOTP";
  return "ENROLL";
}

/** S2: the session level a completed login gets, by the method that completed it. */
export function sessionLevelFor(method: VerificationMethod, settings: Pick<OrgSettings, "highAssuranceMethods">): SessionLevel {
  return settings.highAssuranceMethods.includes(method) ? "HIGH_ASSURANCE" : "STANDARD";
}
