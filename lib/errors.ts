// Expected failures are values, not exceptions. This one map turns each code into the message a
// person reads and the HTTP status the REST API answers with.
export const ERRORS = {
  INVALID_CREDENTIALS: { status: 401, message: "Incorrect username or password." },
  USER_INACTIVE: { status: 403, message: "Your account is inactive. Contact your administrator." },
  API_ONLY_USER: {
    status: 403,
    message: "This is an Api Only user: it can call the API but cannot log in to the console.",
  },
  LOCKED: { status: 429, message: "Too many failed attempts. Your account is temporarily locked." },
  PENDING_LOGIN_EXPIRED: { status: 401, message: "Your login has expired. Please log in again." },
  LOGIN_ENDED: { status: 401, message: "Your login was ended by an administrator. Log in again." },
  RATE_LIMITED: { status: 429, message: "Too many attempts." },
  ATTEMPTS_IN_FLIGHT: { status: 429, message: "Too many attempts at once. Wait a moment, then try again." },
  METHOD_NOT_ALLOWED: { status: 400, message: "That verification method can't be used for this login." },
  INVALID_CODE: { status: 400, message: "That code isn't valid. Check it and try again." },
  REPLAYED: { status: 400, message: "That code has already been used. Wait for a new one, or use another code." },
  SELF_ACTION: { status: 403, message: "You can't do this to your own account. Ask another administrator." },
  TARGET_INACTIVE: { status: 409, message: "You can't generate a code for an inactive user. Reactivate the user first." },
  TEMP_CODE_ACTIVE: {
    status: 409,
    message: "This user already has an active temporary verification code. Click Expire Now before generating a new one.",
  },
  TEMP_CODE_RATE_LIMITED: { status: 429, message: "You can generate up to 6 codes per hour for each user." },
  TEMP_CODE_EXPIRY_OUT_OF_RANGE: { status: 400, message: "Pick an expiration within your org's limit." },
  EXPIRED: { status: 400, message: "That temporary code has expired. Log in again to use your usual method." },
  TEMP_CODE_SPENT: { status: 400, message: "That temporary code can't be used any more. Log in again to use your usual method." },
  REASON_REQUIRED: { status: 400, message: "Enter a reason: it is kept in the verification history." },
  METHOD_NOT_FOUND: { status: 404, message: "That verification method no longer exists." },
  NOT_LOCKED: { status: 409, message: "This user isn't locked." },
  PROFILE_NOT_FOUND: { status: 400, message: "Pick one of your org's profiles." },
  USERNAME_UNAVAILABLE: { status: 409, message: "That username can't be used. Choose another." },
  ALREADY_ACTIVE: { status: 409, message: "This user is already active." },
  ALREADY_INACTIVE: { status: 409, message: "This user is already inactive." },
  RESET_ALREADY_REQUESTED: {
    status: 409,
    message: "A change to this user's verification methods is already waiting for a second administrator. Approve or deny it first.",
  },
  RESET_REQUEST_NOT_FOUND: { status: 404, message: "That reset request was already decided or no longer exists." },
  SECOND_ADMIN_REQUIRED: { status: 403, message: "Another administrator must decide: not the one who asked, nor the user concerned." },
  PERMISSION_ESCALATION: { status: 403, message: "You can't give a user permissions you don't hold yourself." },
  NO_ACTIVE_TEMP_CODE: { status: 409, message: "This user has no active temporary verification code." },
  CHALLENGE_EXPIRED: { status: 400, message: "That security key request expired or was already used. Try again." },
  INVALID_KEY_RESPONSE: { status: 400, message: "Your security key's response couldn't be verified. Try again, or use another method." },
  COUNTER_REGRESSION: {
    status: 400,
    message:
      "This security key was refused: its signature counter went backwards, which happens when a key has been copied. Use another method and tell your administrator.",
  },
  SESSION_ENDED: { status: 401, message: "Your session has ended. Please log in again." },
  SESSION_NOT_FOUND: { status: 404, message: "That session has already ended, or it isn't this user's." },
  CURRENT_SESSION: { status: 409, message: "That's the session you're using now. Use Log out to end it." },
  STEP_UP_REQUIRED: { status: 403, message: "Verify your identity first: this change needs a recently verified session." },
  REGISTRATION_EXPIRED: { status: 409, message: "That setup has expired. Start adding the authenticator app again." },
  INVALID_JSON: { status: 400, message: "The request body isn't valid JSON." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Send the request body as application/json." },
  API_TOKEN_MISSING: { status: 401, message: "Send an API token: Authorization: Bearer mfac_…" },
  API_TOKEN_INVALID: { status: 401, message: "That API token isn't valid." },
  API_TOKEN_REVOKED: { status: 401, message: "That API token was revoked." },
  API_TOKEN_EXPIRED: { status: 401, message: "That API token has expired. Create a new one in Setup > API Tokens." },
  API_TOKEN_USER_INACTIVE: { status: 401, message: "The user this API token acts as is inactive." },
  API_TOKEN_USER_NOT_API_ONLY: { status: 400, message: "A token acts as an Api Only user. Pick one, or give the user the Api Only permission first." },
  HTTP_METHOD_NOT_ALLOWED: { status: 405, message: "This address doesn't take that HTTP method: see the API docs." },
  NOT_FOUND: { status: 404, message: "Not found." },
  ACTIVATION_LINK_INVALID: { status: 404, message: "This link isn't valid. Check that you copied all of it, or ask your administrator for a new one." },
  ACTIVATION_LINK_EXPIRED: { status: 410, message: "This link has expired. Ask your administrator for a new one." },
  ACTIVATION_LINK_USED: {
    status: 410,
    message: "This link was already used, or a newer one replaced it. Log in with the password you set, or ask your administrator for a new link.",
  },
  PASSWORD_NOT_ACCEPTED: { status: 400, message: "That password can't be used:" },
  CURRENT_PASSWORD_WRONG: { status: 400, message: "Your current password isn't right." },
  WEBHOOK_URL_INVALID: { status: 400, message: "Enter the endpoint's full address, starting with https://." },
  WEBHOOK_URL_REFUSED: {
    status: 400,
    message: "That address is on a private, loopback or link-local network, which webhooks never call. Use the receiver's public HTTPS address.",
  },
  WEBHOOK_URL_UNRESOLVED: { status: 400, message: "That host name can't be found. Check the address." },
  WEBHOOK_ENDPOINT_LIMIT: { status: 409, message: "Your org has the most webhook endpoints it may have (20). Remove or reuse one first." },
  WEBHOOK_DELIVERY_PENDING: { status: 409, message: "This delivery is still being sent. Redeliver it once it has succeeded or failed." },
  WEBHOOK_ALREADY_PAUSED: { status: 409, message: "This endpoint is already paused." },
  WEBHOOK_ALREADY_ACTIVE: { status: 409, message: "This endpoint is already active." },
  FORBIDDEN: { status: 403, message: "You don't have permission to do that." },
  STEP_UP_WARNINGS_UNCONFIRMED: {
    status: 409,
    message:
      "This change leaves some users without a way to High Assurance. Read the warnings under Session security levels and tick “Save anyway” to confirm, or change the methods.",
  },
  INVALID_INPUT: { status: 400, message: "Check the highlighted fields." },
  SERVICE_UNAVAILABLE: { status: 503, message: "The console can't reach its database right now. Try again in a few seconds." },
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type Failure = {
  ok: false;
  code: ErrorCode;
  /** LOCKED: when the user may try again. */
  retryAt?: Date;
  /** Set when few attempts are left before a lockout (B6). */
  attemptsRemaining?: number;
};
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

export function fail(code: ErrorCode, extra: Omit<Failure, "ok" | "code"> = {}): Failure {
  return { ok: false, code, ...extra };
}

export function errorMessage(code: ErrorCode): string {
  return ERRORS[code].message;
}
