// What every "Verify your identity" attempt checks before it looks at the answer (SPEC L10, S2,
// L8), whatever the method: the caller's own live session (another org's or user's id finds
// nothing, and no event), a method the org counts as High Assurance, and an admitted attempt (at
// most the org's maximum are ever compared, L8) — each refusal
// after the first being exactly one FAILED STEP_UP event. What comes back carries the fields the
// method's own refusals need, so every step-up records and counts its failures the same way.
import type { VerificationMethod } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { admitAttempt, refundAttempt } from "@/lib/security/lockout";
import { refuseAdmission, settingsOf } from "./login-failure";
import { findSessionToRaise, stepUpAllowed, type SessionToRaise } from "./raise-session";

export interface StepUpAttempt<M extends VerificationMethod> {
  session: SessionToRaise;
  /** For failLoginStep: one FAILED STEP_UP event and one counted failure. */
  common: { user: SessionToRaise["user"]; method: M; context: RequestContext; nowMs: number; activity: "STEP_UP" };
  /** For recordEvent: a FAILED STEP_UP event that is not counted (add the reason). */
  failedEvent: { orgId: string; userId: string; username: string; activity: "STEP_UP"; method: M; status: "FAILED"; context: RequestContext };
  /** Gives the admitted attempt back when its answer was never judged (a replay, a stale challenge). */
  refund(): Promise<void>;
}

export async function startStepUpAttempt<M extends VerificationMethod>(opts: {
  orgDb: OrgDb;
  sessionId: string;
  userId: string;
  method: M;
  context: RequestContext;
  nowMs: number;
}): Promise<Result<StepUpAttempt<M>>> {
  const { orgDb, method, context, nowMs } = opts;
  const session = await findSessionToRaise(orgDb, { sessionId: opts.sessionId, userId: opts.userId, nowMs });
  if (!session) return fail("NOT_FOUND");
  const { user } = session;
  const common = { user, method, context, nowMs, activity: "STEP_UP" as const };
  const failedEvent = { orgId: user.orgId, userId: user.id, username: user.username, activity: "STEP_UP" as const, method, status: "FAILED" as const, context };
  if (!stepUpAllowed(session, method)) {
    await recordEvent(orgDb, { ...failedEvent, reason: "METHOD_NOT_ALLOWED" });
    return fail("METHOD_NOT_ALLOWED");
  }
  // The attempt takes a slot before its answer is compared (lib/security/lockout.ts).
  const admission = await admitAttempt(orgDb, { user, settings: settingsOf(user), method, context, nowMs });
  if (!admission.admitted) return refuseAdmission(orgDb, common, admission);
  return { ok: true, session, common, failedEvent, refund: () => refundAttempt(orgDb, { user, nowMs }) };
}
