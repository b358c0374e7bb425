// Fixed-window rate limiting in Postgres (SPEC L13): one upsert on (key, window) both counts the
// hit and says whether it is over the limit, so any number of app instances and racing requests
// share one exact count. Only the first refusal of a window reports `firstRefusal`, so callers
// write one event per window, not one per request.
import { createHash } from "node:crypto";
import { RATE_LIMITS, type RateLimitName } from "./rate-limits";

/** A plain client, a tenant-scoped one or a transaction: the counters belong to no org. */
export interface CounterDb {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

export type RateLimitHit =
  { ok: true; hit: CounterRef; remaining: number; resetAt: Date } | { ok: false; retryAt: Date; firstRefusal: boolean; limit: RateLimitName };

/** What refund() needs to give a hit back to the window it was counted in. */
export interface CounterRef {
  key: string;
  windowStart: Date;
}

// Old windows are removed now and then by whichever request happens to draw the sweep.
const SWEEP_ONE_IN = 200;

/** The counter key: the limit's name and a hash of the subject (raw input never reaches SQL text). */
export function counterKey(limit: RateLimitName, subject: string): string {
  return `${RATE_LIMITS[limit].name}:${createHash("sha256").update(subject).digest("base64url")}`;
}

function windowStartOf(limit: RateLimitName, nowMs: number): Date {
  const windowMs = RATE_LIMITS[limit].windowSeconds * 1000;
  return new Date(Math.floor(nowMs / windowMs) * windowMs);
}

/** Where a hit of `subject` against `limit` at `nowMs` is counted: the key and its window. */
export function counterSlot(limit: RateLimitName, subject: string, nowMs: number): { key: string; windowStart: Date; windowEnd: Date } {
  const windowStart = windowStartOf(limit, nowMs);
  return { key: counterKey(limit, subject), windowStart, windowEnd: new Date(windowStart.getTime() + RATE_LIMITS[limit].windowSeconds * 1000) };
}

/** Counts one hit of `subject` against `limit`; refused once the window's count passes the limit. */
export async function hitRateLimit(db: CounterDb, opts: { limit: RateLimitName; subject: string; nowMs?: number }): Promise<RateLimitHit> {
  const nowMs = opts.nowMs ?? Date.now();
  const { key, windowStart, windowEnd } = counterSlot(opts.limit, opts.subject, nowMs);
  const rows = await db.$queryRaw<{ hits: number }[]>`/* prepared */
    INSERT INTO rate_limit_counters (key, window_start, hits, expires_at)
    VALUES (${key}, ${windowStart}, 1, ${windowEnd})
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
    RETURNING hits`;
  return settleHit(db, { limit: opts.limit, key, windowStart, hits: rows[0]?.hits ?? 1, nowMs });
}

/**
 * The verdict on a hit already counted (by hitRateLimit, or by a caller that folds the same
 * upsert into a statement of its own, as the API token lookup does): within the limit, or refused.
 */
export async function settleHit(
  db: CounterDb,
  opts: { limit: RateLimitName; key: string; windowStart: Date; hits: number; nowMs: number },
): Promise<RateLimitHit> {
  const spec = RATE_LIMITS[opts.limit];
  const { key, windowStart, hits } = opts;
  const windowEnd = new Date(windowStart.getTime() + spec.windowSeconds * 1000);
  if (Math.random() < 1 / SWEEP_ONE_IN) await sweepExpired(db, opts.nowMs);
  if (hits <= spec.maxHits) return { ok: true, hit: { key, windowStart }, remaining: spec.maxHits - hits, resetAt: windowEnd };
  // A flag rather than `hits === max + 1`: a refund could bring the count back below the limit.
  const reported = await db.$executeRaw`
    UPDATE rate_limit_counters SET refusal_reported = true
    WHERE key = ${key} AND window_start = ${windowStart} AND NOT refusal_reported`;
  return { ok: false, retryAt: windowEnd, firstRefusal: reported === 1, limit: opts.limit };
}

/** Gives a hit back (a try that succeeded, for limits that count failures only). */
export async function refundRateLimit(db: CounterDb, hit: CounterRef): Promise<void> {
  await db.$executeRaw`
    UPDATE rate_limit_counters SET hits = hits - 1
    WHERE key = ${hit.key} AND window_start = ${hit.windowStart} AND hits > 0`;
}

export async function sweepExpired(db: CounterDb, nowMs = Date.now()): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_limit_counters WHERE expires_at < ${new Date(nowMs)}`;
}
