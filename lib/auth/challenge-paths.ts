// Where each next step of a login is served.
import type { Challenge } from "./mfa-policy";

export const CHALLENGE_PATHS: Record<Challenge, string> = {
  TOTP: "/verify/totp",
  WEBAUTHN: "/verify/security-key",
  TEMP_CODE: "/verify/temp-code",
  ENROLL: "/verify/enroll",
};
