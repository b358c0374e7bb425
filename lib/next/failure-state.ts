// Turns a login-step failure into what a form shows: the message, and for lockouts the time to
// retry (rendered in the viewer's time zone) or how few attempts are left (B6).
import { errorMessage, type Failure } from "@/lib/errors";

export interface FailureState {
  error: string;
  retryAt?: string;
  attemptsRemaining?: number;
  expired?: boolean;
}

export function failureState(failure: Failure): FailureState {
  return {
    error: errorMessage(failure.code),
    retryAt: failure.retryAt?.toISOString(),
    attemptsRemaining: failure.attemptsRemaining,
    expired: failure.code === "PENDING_LOGIN_EXPIRED" || failure.code === "LOGIN_ENDED" || failure.code === "LOCKED" || failure.code === "METHOD_NOT_ALLOWED",
  };
}
