// Turns a login-step failure into what a form shows: the message, and for lockouts the time to
// retry (rendered in the viewer's time zone) or how few attempts are left (B6).
import { errorMessage, type Failure } from "@/lib/errors";

export interface FailureState {
  error: string;
  retryAt?: string;
  attemptsRemaining?: number;
  expired?: boolean;
}

const ENDS_THE_LOGIN = new Set<Failure["code"]>(["PENDING_LOGIN_EXPIRED", "LOGIN_ENDED", "LOCKED", "METHOD_NOT_ALLOWED", "EXPIRED", "TEMP_CODE_SPENT"]);

export function failureState(failure: Failure): FailureState {
  return {
    error: errorMessage(failure.code),
    retryAt: failure.retryAt?.toISOString(),
    attemptsRemaining: failure.attemptsRemaining,
    // The login cannot go on: the form gives way to the message and "Log in again".
    expired: ENDS_THE_LOGIN.has(failure.code),
  };
}
