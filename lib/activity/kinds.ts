// The one list of verification-event kinds and their readable labels (SPEC V1). The enum values
// themselves are declared in prisma/schema.prisma; this map must name each of them (tsc checks).
import type { ActivityKind, EventStatus, VerificationMethod } from "@db/generated";
import { humanizeKey } from "./detail-values";

export const ACTIVITY_LABELS: Record<ActivityKind, string> = {
  LOGIN: "Login",
  LOGOUT: "Logout",
  STEP_UP: "Identity verified (step-up)",
  METHOD_REGISTERED: "Verification method registered",
  METHOD_RENAMED: "Verification method renamed",
  METHOD_DISCONNECTED: "Verification method disconnected",
  RECOVERY_CODES_GENERATED: "Recovery codes generated",
  MFA_RESET: "MFA reset",
  MFA_RESET_REQUESTED: "Second-administrator approval requested",
  MFA_RESET_DECIDED: "Second-administrator request denied",
  TEMP_CODE_GENERATED: "Temporary verification code generated",
  TEMP_CODE_EXPIRED: "Temporary verification code expired",
  LOCKOUT: "Locked out",
  UNLOCK: "Unlocked",
  SESSION_REVOKED: "Session revoked",
  USER_CREATED: "User created",
  USER_UPDATED: "User updated",
  USER_DEACTIVATED: "User deactivated",
  USER_REACTIVATED: "User reactivated",
  SETTINGS_CHANGED: "Security settings changed",
  API_TOKEN_CREATED: "API token created",
  API_TOKEN_REVOKED: "API token revoked",
  API_CALL: "API call",
  HISTORY_EXPORTED: "Verification history exported",
  ACCOUNT_ACTIVATED: "Password set with an activation link",
  PASSWORD_RESET: "Password reset by an administrator",
  PASSWORD_CHANGED: "Password changed",
  WEBHOOK_CREATED: "Webhook endpoint added",
  WEBHOOK_UPDATED: "Webhook endpoint edited",
  WEBHOOK_PAUSED: "Webhook endpoint paused",
  WEBHOOK_RESUMED: "Webhook endpoint resumed",
  WEBHOOK_SECRET_ROTATED: "Webhook signing secret rotated",
  WEBHOOK_DISABLED: "Webhook endpoint stopped by delivery failures",
  WEBHOOK_TEST_SENT: "Webhook test event sent",
  WEBHOOK_REDELIVERED: "Webhook delivery sent again",
  PASSWORD_VERIFIED: "Password verified",
};

export const METHOD_LABELS: Record<VerificationMethod, string> = {
  PASSWORD: "Password",
  TOTP: "Authenticator app",
  WEBAUTHN: "Security key / passkey",
  TEMP_CODE: "Temporary verification code",
  RECOVERY_CODE: "Recovery code",
  API_TOKEN: "API token",
};

/**
 * How a session was opened, from its login_method (lib/auth/open-session.ts): the method that
 * finished the login, after the password. Sessions are only ever opened by a login.
 */
export const LOGIN_METHOD_LABELS: Record<VerificationMethod, string> = {
  PASSWORD: "Password only",
  TOTP: "Password + authenticator app",
  WEBAUTHN: "Password + security key / passkey",
  TEMP_CODE: "Password + temporary code",
  RECOVERY_CODE: "Password + recovery code",
  API_TOKEN: "API token",
};

export const STATUS_LABELS: Record<EventStatus, string> = {
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  PENDING: "Pending",
};

/** Machine-readable failure reasons stored in verification_events.reason. */
export const FAILURE_REASONS = {
  INVALID_CREDENTIALS: "Invalid username or password",
  INVALID_CODE: "Invalid code",
  REPLAYED: "Code already used",
  EXPIRED: "Expired",
  USER_INACTIVE: "User inactive",
  API_ONLY_USER: "Api Only user",
  LOCKED: "Too many attempts",
  CHALLENGE_EXPIRED: "Security key challenge expired, already used or not issued for this login",
  INVALID_KEY_RESPONSE: "Security key response not valid",
  COUNTER_REGRESSION: "Signature counter went backwards (possibly a cloned key)",
  METHOD_NOT_ALLOWED: "Method not allowed here by the org's session security levels",
  SESSION_ENDED: "Session ended during the attempt",
  LOGIN_ENDED: "Login ended by an administrator during the attempt",
  RATE_LIMITED: "Too many attempts (throttled)",
  ATTEMPTS_IN_FLIGHT: "Turned away uncompared: the remaining attempts were all in progress",
} as const;
export type FailureReason = keyof typeof FAILURE_REASONS;

/**
 * A refused API call (SPEC P4) records the error code it answered with (lib/errors.ts); these are
 * the ones whose words alone would read oddly, the rest read as their words ("NOT_FOUND" → "Not found").
 */
const API_ERROR_REASONS: Record<string, string> = {
  INVALID_INPUT: "Request not valid",
  INVALID_JSON: "Request body not valid JSON",
  UNSUPPORTED_MEDIA_TYPE: "Request body not sent as JSON",
  SELF_ACTION: "Action on the caller's own account",
  FORBIDDEN: "Permission missing",
};

/**
 * The readable label of a stored reason. A code with no label (an API error, or one from an older
 * release) reads as its words, so the history and the Overview never show a raw code.
 */
export function failureReasonLabel(reason: string | null | undefined): string | null {
  if (!reason) return null;
  return (FAILURE_REASONS as Record<string, string>)[reason] ?? API_ERROR_REASONS[reason] ?? humanizeKey(reason);
}
