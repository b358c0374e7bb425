// Lockout (SPEC L8, B6, S3): consecutive failures of the password and of every verification
// method count together, on the user's row in Postgres, so the count is right with many app
// instances and under racing requests.
//
// An attempt is *admitted* before its answer is compared: one conditional UPDATE takes a slot
// (failed_attempts + 1) only while the account is not locked and fewer than the org's maximum are
// taken. So of any number of racing tries, at most `lockoutMaxAttempts` are ever compared per lock
// window. A wrong answer keeps its slot and locks the account when the slots are used up
// (countFailure); a right one gives its slot back in the transaction that completes it
// (settleSuccess), which also refuses a user locked meanwhile. A try that finds every slot held by
// tries still in flight is turned away uncompared ("in flight"): it is a burst, and whether it
// ends in a lock is for the tries in flight to decide.
//
// Lock order: settleSuccess is the first statement of every completing transaction, so each
// transaction that touches a user's login state takes the user row first (lib/db/lock-user.ts).
import { Prisma, type OrgSettings, type VerificationMethod } from "@db/generated";
import { recordEvent, type EventWriter, type RequestContext } from "@/lib/activity/record-event";

/** B6: from this many attempts left, the challenge warns. */
export const LOCKOUT_WARNING_ATTEMPTS = 3;

export interface LockoutState {
  lockedUntil: Date | null;
  attemptsRemaining: number;
}

export type LockoutSettings = Pick<OrgSettings, "lockoutMaxAttempts" | "lockoutMinutes">;

/** A plain, tenant-scoped or transaction client: raw SQL filters on org_id itself. */
export type LockoutDb = EventWriter & {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
};

interface LockoutUser {
  id: string;
  orgId: string;
  username: string;
}

export function lockoutState(user: { failedAttempts: number; lockedUntil: Date | null }, settings: LockoutSettings, nowMs: number): LockoutState {
  if (user.lockedUntil && user.lockedUntil.getTime() > nowMs) return { lockedUntil: user.lockedUntil, attemptsRemaining: 0 };
  // A lock that has run out starts a fresh count.
  const failures = user.lockedUntil ? 0 : user.failedAttempts;
  return { lockedUntil: null, attemptsRemaining: Math.max(0, settings.lockoutMaxAttempts - failures) };
}

export type Admission = { admitted: true } | { admitted: false; lockedUntil: Date } | { admitted: false; inFlight: true };

// The one definition of "take a slot": a lock that has run out starts a fresh count; otherwise
// a slot is free while no lock runs and fewer than `max` are taken. Shared by admitAttempt and the
// password step's lookup (admitPasswordAttempt), which must run the same statement for any name.
const takeSlot = (now: Date) => Prisma.sql`
  failed_attempts = CASE WHEN users.locked_until <= ${now} THEN 1 ELSE users.failed_attempts + 1 END,
  locked_until = CASE WHEN users.locked_until <= ${now} THEN NULL ELSE users.locked_until END`;
const slotFree = (now: Date, max: number | Prisma.Sql) =>
  Prisma.sql`((users.locked_until IS NULL AND users.failed_attempts < ${max}) OR users.locked_until <= ${now})`;

/** Takes one attempt slot, or says until when the account is locked. */
export async function admitAttempt(
  db: LockoutDb,
  opts: { user: LockoutUser; settings: LockoutSettings; method: VerificationMethod; context: RequestContext; nowMs: number },
): Promise<Admission> {
  const now = new Date(opts.nowMs);
  const taken = await db.$queryRaw<{ id: string }[]>`
    UPDATE users SET ${takeSlot(now)}
    WHERE id = ${opts.user.id}::uuid AND org_id = ${opts.user.orgId}::uuid AND ${slotFree(now, opts.settings.lockoutMaxAttempts)}
    RETURNING id`;
  if (taken.length === 1) return { admitted: true };
  const lockedUntil = await runningLock(db, opts.user, opts.nowMs);
  return lockedUntil ? { admitted: false, lockedUntil } : { admitted: false, inFlight: true };
}

/**
 * The password step's lookup and admission in one statement, the same whether the username
 * exists, is locked or not: the user's row (null for an unknown name) and whether a slot was taken.
 */
export async function admitPasswordAttempt(
  db: LockoutDb,
  opts: { username: string; nowMs: number },
): Promise<{ id: string; orgId: string; passwordHash: string; admitted: boolean } | null> {
  const now = new Date(opts.nowMs);
  const rows = await db.$queryRaw<{ id: string; org_id: string; password_hash: string; admitted: boolean }[]>`/* prepared */
    WITH target AS (
      SELECT u.id, u.org_id, u.password_hash, s.lockout_max_attempts AS max
      FROM users u JOIN org_settings s ON s.org_id = u.org_id
      WHERE u.username = ${opts.username}
    ), taken AS (
      UPDATE users SET ${takeSlot(now)} FROM target
      WHERE users.id = target.id AND ${slotFree(now, Prisma.raw("target.max"))}
      RETURNING users.id
    )
    SELECT target.id, target.org_id, target.password_hash, EXISTS (SELECT 1 FROM taken) AS admitted FROM target`;
  const row = rows[0];
  return row ? { id: row.id, orgId: row.org_id, passwordHash: row.password_hash, admitted: row.admitted } : null;
}

/**
 * A compared, wrong answer: its slot stays taken. Locks the account when the slots are used up;
 * the request whose failure locked it writes the one LOCKOUT event.
 */
export async function countFailure(
  tx: LockoutDb,
  opts: { user: LockoutUser; settings: LockoutSettings; method: VerificationMethod; context: RequestContext; nowMs: number },
): Promise<LockoutState> {
  const rows = await tx.$queryRaw<{ failed_attempts: number; locked_until: Date | null }[]>`
    SELECT failed_attempts, locked_until FROM users WHERE id = ${opts.user.id}::uuid AND org_id = ${opts.user.orgId}::uuid`;
  const row = rows[0];
  if (!row) throw new Error(`user ${opts.user.id} vanished while counting a failure`);
  const lockedUntil = await lockIfSaturated(tx, opts);
  if (lockedUntil) return { lockedUntil, attemptsRemaining: 0 };
  return lockoutState({ failedAttempts: row.failed_attempts, lockedUntil: row.locked_until }, opts.settings, opts.nowMs);
}

/**
 * Sets the lock when all slots are taken and no lock is running; writes LOCKOUT when this call set
 * it. Returns the running lock's end, or null when the account is not locked.
 */
async function lockIfSaturated(
  db: LockoutDb,
  opts: { user: LockoutUser; settings: LockoutSettings; method: VerificationMethod; context: RequestContext; nowMs: number },
): Promise<Date | null> {
  const now = new Date(opts.nowMs);
  const lockUntil = new Date(opts.nowMs + opts.settings.lockoutMinutes * 60_000);
  const locked = await db.$queryRaw<{ failed_attempts: number; locked_until: Date }[]>`
    UPDATE users SET locked_until = ${lockUntil}
    WHERE id = ${opts.user.id}::uuid AND org_id = ${opts.user.orgId}::uuid
      AND failed_attempts >= ${opts.settings.lockoutMaxAttempts} AND (locked_until IS NULL OR locked_until <= ${now})
    RETURNING failed_attempts, locked_until`;
  if (locked[0]) {
    await recordEvent(db, {
      orgId: opts.user.orgId,
      userId: opts.user.id,
      username: opts.user.username,
      activity: "LOCKOUT",
      method: opts.method,
      status: "SUCCEEDED",
      reason: "LOCKED",
      context: opts.context,
      detail: { failedAttempts: locked[0].failed_attempts, lockedUntil: locked[0].locked_until.toISOString() },
    });
    return locked[0].locked_until;
  }
  return runningLock(db, opts.user, opts.nowMs);
}

/** The end of the lock running now, or null. */
export async function runningLock(db: LockoutDb, user: { id: string; orgId: string }, nowMs: number): Promise<Date | null> {
  const rows = await db.$queryRaw<{ locked_until: Date | null }[]>`
    SELECT locked_until FROM users WHERE id = ${user.id}::uuid AND org_id = ${user.orgId}::uuid`;
  const until = rows[0]?.locked_until ?? null;
  return until && until.getTime() > nowMs ? until : null;
}

/**
 * The first statement of a transaction that completes a verified attempt: gives the attempt's slot
 * back (`completes`: a finished login or step-up clears the count), and takes the user row lock.
 * False when the account was locked meanwhile — the caller rolls back and answers "locked".
 */
export async function settleSuccess(tx: LockoutDb, opts: { user: { id: string; orgId: string }; nowMs: number; completes: boolean }): Promise<boolean> {
  const now = new Date(opts.nowMs);
  const settled = opts.completes
    ? await tx.$queryRaw<{ id: string }[]>`
        UPDATE users SET failed_attempts = 0, locked_until = NULL
        WHERE id = ${opts.user.id}::uuid AND org_id = ${opts.user.orgId}::uuid AND (locked_until IS NULL OR locked_until <= ${now})
        RETURNING id`
    : await tx.$queryRaw<{ id: string }[]>`
        UPDATE users SET failed_attempts = GREATEST(failed_attempts - 1, 0)
        WHERE id = ${opts.user.id}::uuid AND org_id = ${opts.user.orgId}::uuid AND (locked_until IS NULL OR locked_until <= ${now})
        RETURNING id`;
  return settled.length === 1;
}

/** Gives an admitted attempt's slot back when its answer was never judged (a replay, a lost race). */
export async function refundAttempt(db: LockoutDb, opts: { user: { id: string; orgId: string }; nowMs: number }): Promise<void> {
  await settleSuccess(db, { ...opts, completes: false });
}
