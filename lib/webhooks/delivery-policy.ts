// B8: how hard a delivery is tried. One attempt, then a retry after each of these delays (with
// jitter, so endpoints that failed together do not all retry in the same second); after the last
// the delivery is failed. An endpoint failing without a single success for FAILING_PAUSE_DAYS is
// paused; a 410 Gone pauses it at once (the receiver said it is gone for good).
export const ATTEMPT_TIMEOUT_MS = 10_000;
export const RETRY_DELAYS_SECONDS = [5, 60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600, 12 * 3600, 24 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** ±20 %: the delays still grow strictly (5 s × 1.2 < 60 s × 0.8, and so on). */
export const RETRY_JITTER = 0.2;
export const FAILING_PAUSE_DAYS = 5;
/**
 * How long a worker holds a claimed delivery. Longer than an attempt can take, so a live worker
 * never loses its claim; a killed worker's delivery is due again once it lapses.
 */
export const CLAIM_LEASE_MS = 60_000;
/** A rotated-out secret keeps signing (both signatures are sent) for this long. */
export const PREVIOUS_SECRET_HOURS = 24;

/** The delay after the `attempt`-th attempt failed, or null when it was the last. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_SECONDS[attempt - 1];
  if (base === undefined) return null;
  const factor = 1 - RETRY_JITTER + 2 * RETRY_JITTER * random();
  return Math.round(base * 1000 * factor);
}

/** 2xx is success; anything else, or no answer, is a failure to retry — 410 stops the endpoint. */
export function outcomeOf(status: number | null): "delivered" | "gone" | "retry" {
  if (status !== null && status >= 200 && status < 300) return "delivered";
  return status === 410 ? "gone" : "retry";
}
