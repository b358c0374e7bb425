// Every throttle beyond the per-user lockout (SPEC L13), in one place, each with its unit. They
// bound the work one client can cause — above all the 19 MiB argon2 hash of every password try,
// which an unknown username costs as much as a real one — and they answer alike for known and
// unknown usernames, so a refusal reveals nothing (docs/decisions/009-lockout-and-throttling.md).
//
// Counted in fixed windows in Postgres (lib/security/rate-limit.ts). A try that succeeds gives its
// hit back where `refundOnSuccess` is set, so an office behind one address is slowed only by its
// failures, never by its people logging in.

export interface RateLimit {
  /** Stored in the counter's key; keep it short and stable. */
  name: string;
  maxHits: number;
  windowSeconds: number;
  refundOnSuccess: boolean;
}

export const RATE_LIMITS = {
  /** Password step, per client IP: failed tries of any usernames from one address. */
  PASSWORD_FAILURES_PER_IP: { name: "pw-ip", maxHits: 100, windowSeconds: 15 * 60, refundOnSuccess: true },
  /** Password step, per username (known or not): what many addresses may guess at one name. */
  PASSWORD_FAILURES_PER_USERNAME: { name: "pw-user", maxHits: 20, windowSeconds: 60 * 60, refundOnSuccess: true },
  /** Any code or key answer, per pending login (which lives 10 minutes): tries per login. */
  CODE_ATTEMPTS_PER_PENDING_LOGIN: { name: "code-login", maxHits: 20, windowSeconds: 10 * 60, refundOnSuccess: false },
  /** Change password (W3), per user: wrong current passwords from a signed-in session. */
  CURRENT_PASSWORD_FAILURES_PER_USER: { name: "pw-change", maxHits: 5, windowSeconds: 15 * 60, refundOnSuccess: true },
  /** REST API calls, per API token (for the REST API; lib/http). */
  API_CALLS_PER_TOKEN: { name: "api-token", maxHits: 600, windowSeconds: 60, refundOnSuccess: false },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;
