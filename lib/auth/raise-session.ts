// What every step-up method shares (SPEC L10, B5): the session to raise — found through the
// caller's tenant-scoped client, so a session id of another org or another user finds nothing —
// and the raise itself: level, window from the org's setting, and the STEP_UP event, in the
// caller's transaction together with whatever the method consumed (a TOTP step, a code).
import type { Prisma, VerificationMethod } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { settleSuccess, type LockoutDb } from "@/lib/security/lockout";
import { settingsOf } from "./login-failure";

/** Whose session a step-up is for: all from the caller's own session, never from the request. */
export interface SessionRef {
  /** The caller's tenant-scoped client (getCurrentSession().orgDb). */
  orgDb: OrgDb;
  sessionId: string;
  userId: string;
  context: RequestContext;
  nowMs?: number;
}

/** A step-up with a typed code (authenticator app, recovery code). */
export interface StepUpOptions extends SessionRef {
  code: string;
}

/** The caller's live session with what lockout and the window need, or null. */
export async function findSessionToRaise(orgDb: OrgDb, opts: { sessionId: string; userId: string; nowMs: number }) {
  return orgDb.session.findFirst({
    where: { id: opts.sessionId, userId: opts.userId, revokedAt: null, expiresAt: { gt: new Date(opts.nowMs) } },
    include: { user: { include: { org: { include: { settings: true } } } } },
  });
}
export type SessionToRaise = NonNullable<Awaited<ReturnType<typeof findSessionToRaise>>>;

/** S2: step-up offers and accepts only the methods the org counts as High Assurance. */
export function stepUpAllowed(session: SessionToRaise, method: VerificationMethod): boolean {
  return settingsOf(session.user).highAssuranceMethods.includes(method);
}

type RaiseTx = LockoutDb & {
  session: { updateMany(args: Prisma.SessionUpdateManyArgs): PromiseLike<{ count: number }> };
};

/**
 * The first statement of every step-up transaction: ends the failure count, as a completed login
 * does (L8), and takes the user row first (the lock order of docs/decisions/009). False when the
 * account was locked meanwhile — the caller rolls back.
 */
export function settleStepUp(tx: LockoutDb, opts: { session: SessionToRaise; nowMs: number }): Promise<boolean> {
  return settleSuccess(tx, { user: opts.session.user, nowMs: opts.nowMs, completes: true });
}

/**
 * Raises the session for the org's High Assurance window and records the STEP_UP event. Returns
 * the end of the window, or null when the session was revoked meanwhile (the caller rolls back).
 */
export async function raiseSession(
  tx: RaiseTx,
  opts: { session: SessionToRaise; method: VerificationMethod; context: RequestContext; nowMs: number; detail?: Record<string, Prisma.InputJsonValue> },
): Promise<Date | null> {
  const { session } = opts;
  const until = new Date(opts.nowMs + settingsOf(session.user).highAssuranceMinutes * 60_000);
  const raised = await tx.session.updateMany({
    where: { id: session.id, userId: session.userId, revokedAt: null },
    data: { level: "HIGH_ASSURANCE", highAssuranceUntil: until },
  });
  if (raised.count !== 1) return null;
  await recordEvent(tx, {
    orgId: session.orgId,
    userId: session.userId,
    username: session.user.username,
    activity: "STEP_UP",
    method: opts.method,
    status: "SUCCEEDED",
    context: opts.context,
    detail: { ...opts.detail, highAssuranceUntil: until.toISOString() },
  });
  return until;
}

/** Thrown inside a step-up transaction to roll back what it consumed. */
export class StepUpAborted extends Error {
  constructor(readonly reason: "REPLAYED" | "SESSION_ENDED" | "CHALLENGE_EXPIRED" | "COUNTER_REGRESSION" | "LOCKED") {
    super(reason);
  }
}
