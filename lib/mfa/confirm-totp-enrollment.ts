// L3: the user proves the new authenticator app with a code; only then is it registered and the
// pending login completed (the session follows through the ticket).
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { failLoginStep, refuseIfLocked } from "@/lib/auth/login-failure";
import type { RequestContext } from "@/lib/activity/record-event";
import { completeEnrollment, type EnrollmentCompleted } from "./complete-enrollment";
import { fail, type Result } from "@/lib/errors";
import { decryptTotpSecret } from "./totp-secret";
import { matchTotpStep } from "./totp";

export async function confirmTotpEnrollment(
  db: Db,
  opts: { pendingToken: string; code: string; context: RequestContext; nowMs?: number },
): Promise<Result<EnrollmentCompleted>> {
  const nowMs = opts.nowMs ?? Date.now();
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "ENROLLMENT", nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  const { user } = pending;
  const factor = await db.totpFactor.findUnique({ where: { pendingLoginId: pending.id } });
  if (!factor || factor.verifiedAt) return fail("PENDING_LOGIN_EXPIRED");
  const common = { user, method: "TOTP" as const, context: opts.context, nowMs };
  const locked = await refuseIfLocked(db, common);
  if (locked) return locked;

  const step = matchTotpStep(decryptTotpSecret(factor), opts.code, nowMs);
  if (step === null) return failLoginStep(db, { ...common, activity: "METHOD_REGISTERED", reason: "INVALID_CODE" });

  const completed = await db.$transaction(async (tx) => {
    const confirmed = await tx.totpFactor.updateMany({
      where: { id: factor.id, verifiedAt: null },
      data: { verifiedAt: new Date(nowMs), pendingLoginId: null, lastUsedStep: BigInt(step), lastUsedAt: new Date(nowMs) },
    });
    if (confirmed.count !== 1) return null;
    return completeEnrollment(tx, { pendingLoginId: pending.id, user, method: "TOTP", methodName: factor.name, context: opts.context });
  });
  return completed ? { ok: true, ...completed } : fail("PENDING_LOGIN_EXPIRED");
}
