// The TOTP challenge of a pending login (SPEC L4). A time step is accepted once per user
// (lib/mfa/totp-step.ts, shared with step-up), consumed in the transaction that completes the
// login, so of any number of racing requests carrying the same code exactly one wins.
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { completeCodeChallenge } from "@/lib/auth/complete-code-challenge";
import { failLoginStep, refuseIfLocked } from "@/lib/auth/login-failure";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { consumeTotpStep, matchUserTotp } from "./totp-step";

export async function verifyTotpAtLogin(
  db: Db,
  opts: { pendingToken: string; code: string; context: RequestContext; nowMs?: number },
): Promise<Result<{ ticket: string }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "MFA_CHALLENGE", nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  // An active temporary code is asked alone (L2): the authenticator app cannot complete that login.
  if (!pending.allowedMethods.includes("TOTP")) return fail("METHOD_NOT_ALLOWED");
  const { user } = pending;
  const common = { user, method: "TOTP" as const, context: opts.context, nowMs };
  const locked = await refuseIfLocked(db, common);
  if (locked) return locked;

  const match = await matchUserTotp(db, { userId: user.id, code: opts.code, nowMs });
  if (!match) return failLoginStep(db, { ...common, reason: "INVALID_CODE" });

  const completed = await completeCodeChallenge(db, {
    pendingLoginId: pending.id,
    user,
    method: "TOTP",
    context: opts.context,
    spend: async (tx) => ((await consumeTotpStep(tx, { userId: user.id, orgId: user.orgId, match, nowMs })) ? { factor: match.factor.name } : null),
  });

  if (!completed) {
    // A spent code proves possession of the app, not guessing: an event, but no lockout count.
    await recordEvent(db, { orgId: user.orgId, userId: user.id, username: user.username, activity: "LOGIN", method: "TOTP", status: "FAILED", reason: "REPLAYED", context: opts.context });
    return fail("REPLAYED");
  }
  return { ok: true, ticket: completed.ticket };
}
