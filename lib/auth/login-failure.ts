// What every failed step of a login does (SPEC L7, L8, B6): one FAILED event and one counted
// failure, in one transaction; the answer says when a lock started or few attempts remain.
import type { ActivityKind, OrgSettings, VerificationMethod } from "@db/generated";
import { recordEvent, type EventWriter, type RequestContext } from "@/lib/activity/record-event";
import type { FailureReason } from "@/lib/activity/kinds";
import { lockoutState, recordFailedAttempt, LOCKOUT_WARNING_ATTEMPTS, type LockoutTx } from "@/lib/security/lockout";
import { fail, type ErrorCode, type Failure } from "@/lib/errors";

export interface LoginUser {
  id: string;
  orgId: string;
  username: string;
  failedAttempts: number;
  lockedUntil: Date | null;
  org: { settings: OrgSettings | null };
}

/** The plain client or a tenant-scoped one (lib/db/tenant): step-up passes the caller's orgDb. */
export type FailureDb = EventWriter & { $transaction<R>(fn: (tx: LockoutTx) => Promise<R>): Promise<R> };

interface FailureOptions {
  user: LoginUser;
  method: VerificationMethod;
  reason: FailureReason & ErrorCode;
  context: RequestContext;
  nowMs: number;
  activity?: ActivityKind;
  /** Password failures must read exactly like an unknown user: no lockout hints. */
  revealLockout?: boolean;
}

export function settingsOf(user: LoginUser): OrgSettings {
  if (!user.org.settings) throw new Error(`org ${user.orgId} has no settings row`);
  return user.org.settings;
}

export async function failLoginStep(db: FailureDb, opts: FailureOptions): Promise<Failure> {
  const { user } = opts;
  return db.$transaction(async (tx) => {
    await recordEvent(tx, {
      orgId: user.orgId,
      userId: user.id,
      username: user.username,
      activity: opts.activity ?? "LOGIN",
      method: opts.method,
      status: "FAILED",
      reason: opts.reason,
      context: opts.context,
    });
    const state = await recordFailedAttempt(tx, { user, settings: settingsOf(user), method: opts.method, context: opts.context, nowMs: opts.nowMs });
    if (opts.revealLockout === false) return fail(opts.reason);
    if (state.lockedUntil) return fail("LOCKED", { retryAt: state.lockedUntil });
    return fail(opts.reason, state.attemptsRemaining <= LOCKOUT_WARNING_ATTEMPTS ? { attemptsRemaining: state.attemptsRemaining } : {});
  });
}

/** A locked user gets no further: the attempt is an event, and the answer says when to retry. */
export async function refuseIfLocked(
  db: EventWriter,
  opts: { user: LoginUser; method: VerificationMethod; context: RequestContext; nowMs: number; activity?: ActivityKind },
): Promise<Failure | null> {
  const state = lockoutState(opts.user, settingsOf(opts.user), opts.nowMs);
  if (!state.lockedUntil) return null;
  await recordEvent(db, {
    orgId: opts.user.orgId,
    userId: opts.user.id,
    username: opts.user.username,
    activity: opts.activity ?? "LOGIN",
    method: opts.method,
    status: "FAILED",
    reason: "LOCKED",
    context: opts.context,
  });
  return fail("LOCKED", { retryAt: state.lockedUntil });
}
