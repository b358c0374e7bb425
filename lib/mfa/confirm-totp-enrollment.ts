// L3: the user proves the new authenticator app with a code; only then is it registered and the
// pending login completed (the session follows through the ticket).
import type { Db } from "@/lib/db/client";
import { startChallengeAttempt } from "@/lib/auth/start-challenge-attempt";
import { Lost } from "@/lib/auth/complete-code-challenge";
import { retryOnDeadlock } from "@/lib/db/retry";
import { settleSuccess } from "@/lib/security/lockout";
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
  const started = await startChallengeAttempt(db, { ...opts, stage: "ENROLLMENT", method: "TOTP", activity: "METHOD_REGISTERED", nowMs });
  if (!started.ok) return started;
  const { attempt } = started;
  const { user, orgDb, pending } = attempt;
  const factor = await orgDb.totpFactor.findUnique({ where: { pendingLoginId: pending.id } });
  if (!factor || factor.verifiedAt) {
    await attempt.refuse("CHALLENGE_EXPIRED");
    return fail("PENDING_LOGIN_EXPIRED");
  }

  const step = matchTotpStep(decryptTotpSecret(factor), opts.code, nowMs);
  if (step === null) return attempt.wrong("INVALID_CODE");

  const completed = await retryOnDeadlock(() =>
    orgDb.$transaction(async (tx) => {
      if (!(await settleSuccess(tx, { user, nowMs, completes: false }))) throw new Lost("LOCKED");
      const confirmed = await tx.totpFactor.updateMany({
        where: { id: factor.id, verifiedAt: null },
        data: { verifiedAt: new Date(nowMs), pendingLoginId: null, lastUsedStep: BigInt(step), lastUsedAt: new Date(nowMs) },
      });
      if (confirmed.count !== 1) throw new Lost("PENDING_GONE");
      const done = await completeEnrollment(tx, { pendingLoginId: pending.id, user, method: "TOTP", methodName: factor.name, context: opts.context });
      if (!done) throw new Lost("PENDING_GONE");
      return done;
    }),
  ).catch((e: unknown) => {
    if (e instanceof Lost) return e;
    throw e;
  });
  if (completed instanceof Lost) return attempt.lost(completed.loss);
  return { ok: true, ...completed };
}
