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
  METHOD_NOT_ALLOWED: { status: 400, message: "That verification method can't be used for this login." },
  INVALID_CODE: { status: 400, message: "That code isn't valid. Check your authenticator app and try again." },
  REPLAYED: { status: 400, message: "That code was already used. Wait for the next code and try again." },
  NOT_FOUND: { status: 404, message: "Not found." },
  FORBIDDEN: { status: 403, message: "You don't have permission to do that." },
  INVALID_INPUT: { status: 400, message: "Check the highlighted fields." },
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
