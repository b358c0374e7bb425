// L3: MFA is required and nothing is registered — the user registers an authenticator app now,
// proves it with a code, and only then does the pending login complete.
import type { Db } from "@/lib/db/client";
import { findPendingLogin, completePendingLogin } from "@/lib/auth/pending-login";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { decryptTotpSecret, encryptTotpSecret } from "./totp-secret";
import { generateTotpSecret, matchTotpStep, otpauthUri, totpIssuer } from "./totp";

export const DEFAULT_TOTP_NAME = "Authenticator app";

/**
 * The secret to show on the enrollment screen. One unconfirmed factor per pending login: a
 * reload shows the same secret, and a new login starts over with a fresh one.
 */
export async function beginTotpEnrollment(
  db: Db,
  opts: { pendingToken: string; nowMs?: number },
): Promise<Result<{ secret: string; uri: string; username: string }>> {
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "ENROLLMENT", nowMs: opts.nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  const { user } = pending;
  let factor = await db.totpFactor.findFirst({
    where: { userId: user.id, verifiedAt: null, createdAt: { gte: pending.createdAt } },
    orderBy: { createdAt: "desc" },
  });
  if (!factor) {
    // Unconfirmed secrets from abandoned attempts are worthless; don't keep them around.
    await db.totpFactor.deleteMany({ where: { userId: user.id, verifiedAt: null } });
    factor = await db.totpFactor.create({
      data: { orgId: user.orgId, userId: user.id, name: DEFAULT_TOTP_NAME, secretCiphertext: encryptTotpSecret(generateTotpSecret(), user.id) },
    });
  }
  const secret = decryptTotpSecret(factor);
  const issuer = totpIssuer({ orgName: user.org.name, environment: user.org.environment });
  return { ok: true, secret, uri: otpauthUri({ secretBase32: secret, accountName: user.username, issuer }), username: user.username };
}

export async function confirmTotpEnrollment(
  db: Db,
  opts: { pendingToken: string; code: string; context: RequestContext; nowMs?: number },
): Promise<Result<{ ticket: string }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "ENROLLMENT", nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  const { user } = pending;
  const factor = await db.totpFactor.findFirst({
    where: { userId: user.id, verifiedAt: null, createdAt: { gte: pending.createdAt } },
    orderBy: { createdAt: "desc" },
  });
  if (!factor) return fail("PENDING_LOGIN_EXPIRED");
  const event = { orgId: user.orgId, userId: user.id, username: user.username, method: "TOTP", context: opts.context } as const;

  const step = matchTotpStep(decryptTotpSecret(factor), opts.code, nowMs);
  if (step === null) {
    await recordEvent(db, { ...event, activity: "METHOD_REGISTERED", status: "FAILED", reason: "INVALID_CODE" });
    return fail("INVALID_CODE");
  }
  const ticket = await db.$transaction(async (tx) => {
    const confirmed = await tx.totpFactor.updateMany({
      where: { id: factor.id, verifiedAt: null },
      data: { verifiedAt: new Date(nowMs), lastUsedStep: BigInt(step), lastUsedAt: new Date(nowMs) },
    });
    if (confirmed.count !== 1) return null;
    const issued = await completePendingLogin(tx, { id: pending.id, fromStage: "ENROLLMENT", method: "TOTP" });
    if (!issued) throw new Error("pending login completed twice during enrollment");
    await recordEvent(tx, { ...event, activity: "METHOD_REGISTERED", status: "SUCCEEDED", detail: { name: factor.name } });
    return issued;
  });
  return ticket ? { ok: true, ticket } : fail("PENDING_LOGIN_EXPIRED");
}
