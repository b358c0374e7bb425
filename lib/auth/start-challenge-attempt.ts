// What every answer to a login challenge or a registration at login goes through before it is
// compared (SPEC L2, L8, L12, L13), whatever the method: this browser's pending login, still
// live and at the right stage (a login an administrator ended says so); a method this challenge
// accepts; the per-login throttle; and an admitted attempt slot, so no more than the org's
// maximum are ever compared (lib/security/lockout.ts). From here on every query goes through the
// org's tenant-scoped client. What comes back also knows how each kind of refusal is recorded.
import type { ActivityKind, VerificationMethod } from "@db/generated";
import type { Db } from "@/lib/db/client";
import { forOrg, type OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import type { FailureReason } from "@/lib/activity/kinds";
import { fail, type ErrorCode, type Failure, type Result } from "@/lib/errors";
import { admitAttempt, refundAttempt } from "@/lib/security/lockout";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { failedEvent, failLoginStep, refuseAdmission, refuseLocked, settingsOf, type AttemptCommon } from "./login-failure";
import { findPendingLoginByToken, pendingLoginEnded, type PendingLoginWithUser } from "./pending-login";

export interface ChallengeAttempt<M extends VerificationMethod> {
  pending: PendingLoginWithUser;
  user: PendingLoginWithUser["user"];
  orgDb: OrgDb;
  common: AttemptCommon & { method: M };
  /** A compared, wrong answer: an event, and the attempt stays counted. */
  wrong(reason: FailureReason & ErrorCode): Promise<Failure>;
  /** An answer never judged (a stale challenge, a replay): an event; the attempt is given back. */
  refuse(reason: FailureReason & ErrorCode): Promise<Failure>;
  /** The completing transaction found the value spent, the login gone, or the account locked. */
  lost(reason: CompletionLoss): Promise<Failure>;
}

export type CompletionLoss = "LOCKED" | "SPENT" | "PENDING_GONE";

export async function startChallengeAttempt<M extends VerificationMethod>(
  db: Db,
  opts: {
    pendingToken: string;
    stage: "MFA_CHALLENGE" | "ENROLLMENT";
    method: M;
    context: RequestContext;
    nowMs: number;
    activity?: ActivityKind;
  },
): Promise<Result<{ attempt: ChallengeAttempt<M> }>> {
  const { nowMs } = opts;
  const pending = await findPendingLoginByToken(db, opts.pendingToken);
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  const ended = pendingLoginEnded(pending, nowMs);
  if (ended) return fail(ended);
  if (pending.stage !== opts.stage) return fail("PENDING_LOGIN_EXPIRED");
  // An active temporary code is asked alone (L2): nothing else may complete such a login.
  if (opts.stage === "MFA_CHALLENGE" && !pending.allowedMethods.includes(opts.method)) return fail("METHOD_NOT_ALLOWED");

  const orgDb = forOrg(db, pending.orgId);
  const { user } = pending;
  const common = { user, method: opts.method, context: opts.context, nowMs, activity: opts.activity ?? ("LOGIN" as const) };

  const throttled = await hitRateLimit(orgDb, { limit: "CODE_ATTEMPTS_PER_PENDING_LOGIN", subject: pending.id, nowMs });
  if (!throttled.ok) {
    if (throttled.firstRefusal)
      await recordEvent(orgDb, { ...failedEvent(common, "RATE_LIMITED"), detail: { limit: throttled.limit, retryAt: throttled.retryAt.toISOString() } });
    return fail("RATE_LIMITED", { retryAt: throttled.retryAt });
  }
  const admission = await admitAttempt(orgDb, { user, settings: settingsOf(user), method: opts.method, context: opts.context, nowMs });
  if (!admission.admitted) return refuseAdmission(orgDb, common, admission);

  const refuse = async (reason: FailureReason & ErrorCode) => {
    await refundAttempt(orgDb, { user, nowMs });
    await recordEvent(orgDb, failedEvent(common, reason));
    return fail(reason);
  };
  const attempt: ChallengeAttempt<M> = {
    pending,
    user,
    orgDb,
    common,
    async wrong(reason) {
      // An administrator's reset or revoke may have ended this login (and removed the method)
      // while the answer was checked: that is no guess to count, and the person is told why.
      const now = await orgDb.pendingLogin.findUnique({ where: { id: pending.id } });
      if (!now || pendingLoginEnded(now, nowMs) === "LOGIN_ENDED") return refuse("LOGIN_ENDED");
      return failLoginStep(orgDb, { ...common, reason });
    },
    refuse,
    async lost(reason) {
      // An administrator may have ended this login meanwhile (and removed what it was spending).
      const now = await orgDb.pendingLogin.findUnique({ where: { id: pending.id } });
      if (!now || pendingLoginEnded(now, nowMs) === "LOGIN_ENDED") return refuse("LOGIN_ENDED");
      if (reason === "LOCKED") {
        const { lockedUntil } = await orgDb.user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedUntil: true } });
        return refuseLocked(orgDb, { ...common, lockedUntil: lockedUntil ?? new Date(nowMs) });
      }
      // The value was spent by another request, or another request finished this login first.
      return refuse("REPLAYED");
    },
  };
  return { ok: true, attempt };
}
