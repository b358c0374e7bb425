// Where each next step of a login is served.
import type { PendingLoginStage, VerificationMethod } from "@db/generated";
import type { Challenge } from "./mfa-policy";

export const CHALLENGE_PATHS: Record<Challenge, string> = {
  TOTP: "/verify/totp",
  WEBAUTHN: "/verify/security-key",
  TEMP_CODE: "/verify/temp-code",
  ENROLL: "/verify/enroll",
};

/** The page for a pending login's first method (its allowed methods are in L2 order). */
export function challengePathFor(pending: { stage: PendingLoginStage; allowedMethods: VerificationMethod[] }): string {
  if (pending.stage === "ENROLLMENT") return CHALLENGE_PATHS.ENROLL;
  const first = pending.allowedMethods[0];
  if (first === "TEMP_CODE" || first === "WEBAUTHN" || first === "TOTP") return CHALLENGE_PATHS[first];
  return "/login";
}
