// The TOTP challenge of a pending login (SPEC L4). A time step is accepted once per user: the
// user's row is locked for the check, and the step is consumed by a conditional UPDATE whose row
// count decides, so of any number of racing requests carrying the same code exactly one wins.
import type { Db } from "@/lib/db/client";
import { findPendingLogin, completePendingLogin } from "@/lib/auth/pending-login";
import { failLoginStep, refuseIfLocked } from "@/lib/auth/login-failure";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { decryptTotpSecret } from "./totp-secret";
import { matchTotpStep } from "./totp";

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

  const factors = await db.totpFactor.findMany({ where: { userId: user.id, verifiedAt: { not: null } } });
  const match = factors
    .map((f) => ({ factor: f, step: matchTotpStep(decryptTotpSecret(f), opts.code, nowMs) }))
    .find((m) => m.step !== null);
  if (!match || match.step === null) return failLoginStep(db, { ...common, reason: "INVALID_CODE" });

  const step = BigInt(match.step);
  const ticket = await db.$transaction(async (tx) => {
    // Serialises this user's TOTP checks, so "once per user" holds across all their apps.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${user.id}::uuid FOR UPDATE`;
    const newer = await tx.totpFactor.count({ where: { userId: user.id, lastUsedStep: { gte: step } } });
    if (newer > 0) return null;
    await tx.totpFactor.update({ where: { id: match.factor.id }, data: { lastUsedStep: step, lastUsedAt: new Date(nowMs) } });
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
