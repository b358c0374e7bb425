// Lockout (SPEC L8, B6, S3): consecutive failures of the password and of every verification
// method count together, in Postgres, so the count is right with many app instances and under
// concurrent requests (one atomic UPDATE decides). Only a completed login resets it
// (lib/auth/session.ts): a correct password alone does not, or an attacker who knows it could
// interleave password steps to guess codes forever.
import type { OrgSettings, VerificationMethod } from "@db/generated";
import { recordEvent, type EventWriter, type RequestContext } from "@/lib/activity/record-event";

/** B6: from this many attempts left, the challenge warns. */
export const LOCKOUT_WARNING_ATTEMPTS = 3;

export interface LockoutState {
  lockedUntil: Date | null;
  attemptsRemaining: number;
}

type LockoutSettings = Pick<OrgSettings, "lockoutMaxAttempts" | "lockoutMinutes">;

/** A transaction of the plain client or of a tenant-scoped one (lib/db/tenant): both fit. */
export type LockoutTx = EventWriter & { $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T> };

export function lockoutState(
  user: { failedAttempts: number; lockedUntil: Date | null },
  settings: LockoutSettings,
  nowMs: number,
): LockoutState {
  if (user.lockedUntil && user.lockedUntil.getTime() > nowMs) return { lockedUntil: user.lockedUntil, attemptsRemaining: 0 };
  // A lock that has run out starts a fresh count.
  const failures = user.lockedUntil ? 0 : user.failedAttempts;
  return { lockedUntil: null, attemptsRemaining: Math.max(0, settings.lockoutMaxAttempts - failures) };
}

/**
 * Counts one failure and locks the user when it reaches the org's limit; writes the LOCKOUT event
 * in the caller's transaction when this very failure locked the account.
 */
export async function recordFailedAttempt(
  tx: LockoutTx,
  opts: {
    user: { id: string; orgId: string; username: string };
    settings: LockoutSettings;
    method: VerificationMethod;
    context: RequestContext;
    nowMs: number;
  },
): Promise<LockoutState> {
  const now = new Date(opts.nowMs);
  const lockUntil = new Date(opts.nowMs + opts.settings.lockoutMinutes * 60_000);
  const max = opts.settings.lockoutMaxAttempts;
  const rows = await tx.$queryRaw<{ failed_attempts: number; locked_until: Date | null }[]>`
    UPDATE users SET
      failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN 1 ELSE failed_attempts + 1 END,
      locked_until = CASE
        WHEN locked_until IS NOT NULL AND locked_until > ${now} THEN locked_until
        WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN 1 ELSE failed_attempts + 1 END) >= ${max} THEN ${lockUntil}
        ELSE NULL END
    WHERE id = ${opts.user.id}::uuid AND org_id = ${opts.user.orgId}::uuid
    RETURNING failed_attempts, locked_until`;
  const row = rows[0];
  if (!row) throw new Error(`user ${opts.user.id} vanished while counting a failure`);
  if (row.failed_attempts === max) {
    await recordEvent(tx, {
      orgId: opts.user.orgId,
      userId: opts.user.id,
      username: opts.user.username,
      activity: "LOCKOUT",
      method: opts.method,
      status: "SUCCEEDED",
      reason: "LOCKED",
      context: opts.context,
      detail: { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until?.toISOString() ?? null },
    });
  }
  return lockoutState({ failedAttempts: row.failed_attempts, lockedUntil: row.locked_until }, opts.settings, opts.nowMs);
}
