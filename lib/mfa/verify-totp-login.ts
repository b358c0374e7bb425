// The TOTP challenge of a pending login (SPEC L4). A time step is accepted once per factor:
// the step is consumed by a conditional UPDATE whose row count decides, so of any number of
// racing requests carrying the same code exactly one wins (Postgres re-checks the WHERE of a
// blocked UPDATE against the committed row).
import type { Db } from "@/lib/db/client";
import { findPendingLogin, completePendingLogin } from "@/lib/auth/pending-login";
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
  const { user } = pending;
  const event = { orgId: user.orgId, userId: user.id, username: user.username, activity: "LOGIN", method: "TOTP", context: opts.context } as const;

  const factors = await db.totpFactor.findMany({ where: { userId: user.id, verifiedAt: { not: null } } });
  const match = factors
    .map((f) => ({ factor: f, step: matchTotpStep(decryptTotpSecret(f), opts.code, nowMs) }))
    .find((m) => m.step !== null);
  if (!match || match.step === null) {
    await recordEvent(db, { ...event, status: "FAILED", reason: "INVALID_CODE" });
    return fail("INVALID_CODE");
  }

  const step = BigInt(match.step);
  const ticket = await db.$transaction(async (tx) => {
    const consumed = await tx.totpFactor.updateMany({
      where: { id: match.factor.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step, lastUsedAt: new Date(nowMs) },
    });
    if (consumed.count !== 1) return null;
    const issued = await completePendingLogin(tx, { id: pending.id, fromStage: "MFA_CHALLENGE", method: "TOTP" });
    // Lost the race to complete this pending login: undo the step so it is not burnt for nothing.
    if (!issued) throw new PendingLoginRace();
    await recordEvent(tx, { ...event, status: "SUCCEEDED", detail: { factor: match.factor.name } });
    return issued;
  }).catch((e) => {
    if (e instanceof PendingLoginRace) return undefined;
    throw e;
  });

  // Both a used step and a lost race for this pending login mean the code was already spent.
  if (!ticket) {
    await recordEvent(db, { ...event, status: "FAILED", reason: "REPLAYED" });
    return fail("REPLAYED");
  }
  return { ok: true, ticket };
}

class PendingLoginRace extends Error {}
