import { LocalTime } from "@/components/console/local-time";

/** The extra line under a failed login step: when to retry, or how many attempts are left. */
export function FailureDetail({ retryAt, attemptsRemaining }: { retryAt?: string; attemptsRemaining?: number }) {
  if (retryAt) {
    return (
      <>
        {" "}
        Try again after <LocalTime iso={retryAt} format="time" withZone />.
      </>
    );
  }
  if (attemptsRemaining !== undefined) return <> {attemptsLeftText(attemptsRemaining)}</>;
  return null;
}

export function attemptsLeftText(attemptsRemaining: number): string {
  return `${attemptsRemaining === 1 ? "1 attempt" : `${attemptsRemaining} attempts`} left before your account is locked.`;
}
