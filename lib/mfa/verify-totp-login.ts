// The TOTP challenge of a pending login (SPEC L4). A time step is accepted once per user
// (lib/mfa/totp-step.ts, shared with step-up), consumed in the transaction that completes the
// login, so of any number of racing requests carrying the same code exactly one wins.
import type { Db } from "@/lib/db/client";
import { findPendingLogin, completePendingLogin } from "@/lib/auth/pending-login";
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

  const ticket = await db.$transaction(async (tx) => {
    if (!(await consumeTotpStep(tx, { userId: user.id, orgId: user.orgId, match, nowMs }))) return null;
    const issued = await completePendingLogin(tx, { id: pending.id, fromStage: "MFA_CHALLENGE", method: "TOTP" });
    // Lost the race to complete this pending login: roll back so the step is not burnt for nothing.
    if (!issued) throw new PendingLoginRace();
    await recordEvent(tx, { orgId: user.orgId, userId: user.id, username: user.username, activity: "LOGIN", method: "TOTP", status: "SUCCEEDED", context: opts.context, detail: { factor: match.factor.name } });
    return issued;
  }).catch((e) => {
    if (e instanceof PendingLoginRace) return null;
    throw e;
  });

  if (!ticket) {
    // A spent code proves possession of the app, not guessing: an event, but no lockout count.
    await recordEvent(db, { orgId: user.orgId, userId: user.id, username: user.username, activity: "LOGIN", method: "TOTP", status: "FAILED", reason: "REPLAYED", context: opts.context });
    return fail("REPLAYED");
  }
  return { ok: true, ticket };
}

class PendingLoginRace extends Error {}
