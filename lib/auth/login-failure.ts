// What every failed step of a login or step-up does (SPEC L7, L8, B6): one FAILED event, and for
// an answer that was compared and found wrong, the attempt's slot stays counted
// (lib/security/lockout.ts) — in one transaction. The answer says when a lock started or few
// attempts remain.
import type { ActivityKind, OrgSettings, VerificationMethod } from "@db/generated";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import type { FailureReason } from "@/lib/activity/kinds";
import { countFailure, LOCKOUT_WARNING_ATTEMPTS, type Admission, type LockoutDb } from "@/lib/security/lockout";
import { fail, type ErrorCode, type Failure } from "@/lib/errors";

export interface LoginUser {
  id: string;
  orgId: string;
  username: string;
  org: { settings: OrgSettings | null };
}

/** The plain client or a tenant-scoped one (lib/db/tenant). */
export type FailureDb = LockoutDb & { $transaction<R>(fn: (tx: LockoutDb) => Promise<R>): Promise<R> };

export interface AttemptCommon {
  user: LoginUser;
  method: VerificationMethod;
  context: RequestContext;
  nowMs: number;
  activity?: ActivityKind;
}

interface FailureOptions extends AttemptCommon {
  reason: FailureReason & ErrorCode;
  /** Password failures must read exactly like an unknown user: no lockout hints. */
  revealLockout?: boolean;
}

export function settingsOf(user: { orgId: string; org: { settings: OrgSettings | null } }): OrgSettings {
  if (!user.org.settings) throw new Error(`org ${user.orgId} has no settings row`);
  return user.org.settings;
}

/** A compared, wrong answer of an admitted attempt: the event, and the slot stays counted. */
export async function failLoginStep(db: FailureDb, opts: FailureOptions): Promise<Failure> {
  const { user } = opts;
  return db.$transaction(async (tx) => {
    await recordEvent(tx, failedEvent(opts, opts.reason));
    const state = await countFailure(tx, { user, settings: settingsOf(user), method: opts.method, context: opts.context, nowMs: opts.nowMs });
    if (opts.revealLockout === false) return fail(opts.reason);
    if (state.lockedUntil) return fail("LOCKED", { retryAt: state.lockedUntil });
    return fail(opts.reason, state.attemptsRemaining <= LOCKOUT_WARNING_ATTEMPTS ? { attemptsRemaining: state.attemptsRemaining } : {});
  });
}

/** An attempt refused because the account is locked: one event, nothing compared, nothing counted. */
export async function refuseLocked(db: LockoutDb, opts: AttemptCommon & { lockedUntil: Date }): Promise<Failure> {
  await recordEvent(db, failedEvent(opts, "LOCKED"));
  return fail("LOCKED", { retryAt: opts.lockedUntil });
}

/**
 * An attempt turned away because every remaining slot is held by attempts in progress (a burst):
 * one event, nothing compared; the answer is to wait, not a lock that may never come.
 */
export async function refuseInFlight(db: LockoutDb, opts: AttemptCommon): Promise<Failure> {
  await recordEvent(db, failedEvent(opts, "ATTEMPTS_IN_FLIGHT"));
  return fail("ATTEMPTS_IN_FLIGHT");
}

/** What admitAttempt's refusal answers: locked, or a burst in flight. */
export function refuseAdmission(db: LockoutDb, opts: AttemptCommon, admission: Exclude<Admission, { admitted: true }>): Promise<Failure> {
  return "lockedUntil" in admission ? refuseLocked(db, { ...opts, lockedUntil: admission.lockedUntil }) : refuseInFlight(db, opts);
}

/** The FAILED event of an attempt, for refusals that are recorded but not counted. */
export function failedEvent(opts: AttemptCommon, reason: FailureReason) {
  return {
    orgId: opts.user.orgId,
    userId: opts.user.id,
    username: opts.user.username,
    activity: opts.activity ?? ("LOGIN" as const),
    method: opts.method,
    status: "FAILED" as const,
    reason,
    context: opts.context,
  };
}
