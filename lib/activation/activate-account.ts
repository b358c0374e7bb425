// W1: the user opens their activation link, sets their own password (W4 rules), and goes on to
// the second step exactly as after a right password at the login page: their verification
// method, or registering one when they have none (L3). The link is used up by one conditional
// UPDATE, so of racing submissions exactly one sets a password; the others are told it was used.
import type { Db } from "@/lib/db/client";
import { forOrg } from "@/lib/db/tenant";
import { lockUserRow } from "@/lib/db/lock-user";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { continueAfterPassword, type StartLoginResult } from "@/lib/auth/start-login";
import { passwordProblems, type PasswordProblem } from "@/lib/auth/password-rules";
import { isCommonPassword } from "@/lib/auth/password-blocklist";
import { readActivationLink } from "./read-activation-link";

export type ActivationResult = StartLoginResult | (Extract<Result, { ok: false }> & { problems?: PasswordProblem[]; minLength?: number });

export async function activateAccount(
  db: Db,
  opts: { token: string; password: string; confirm: string; context: RequestContext; nowMs?: number },
): Promise<ActivationResult> {
  const nowMs = opts.nowMs ?? Date.now();
  const read = await readActivationLink(db, { token: opts.token, nowMs });
  if (!read.ok) return read;
  const { target } = read;
  const problems = passwordProblems(opts.password, {
    minLength: target.passwordMinLength,
    username: target.username,
    orgName: target.orgName,
    confirm: opts.confirm,
    isCommon: isCommonPassword,
  });
  if (problems.length) return { ...fail("PASSWORD_NOT_ACCEPTED"), problems, minLength: target.passwordMinLength };
  // Hashed before the transaction: argon2 takes its 20 ms without holding the user's row.
  const passwordHash = await hashPassword(opts.password);
  const orgDb = forOrg(db, target.orgId);

  const used = await orgDb.$transaction(async (tx) => {
    await lockUserRow(tx, { id: target.userId, orgId: target.orgId });
    const now = new Date(nowMs);
    const taken = await tx.activationLink.updateMany({
      where: { id: target.linkId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (taken.count !== 1) return false;
    // A fresh start: the failures counted against the old password say nothing about this one.
    await tx.user.update({ where: { id: target.userId }, data: { passwordHash, passwordChangedAt: now, failedAttempts: 0, lockedUntil: null } });
    await recordEvent(tx, {
      orgId: target.orgId,
      userId: target.userId,
      username: target.username,
      activity: "ACCOUNT_ACTIVATED",
      method: "PASSWORD",
      status: "SUCCEEDED",
      context: opts.context,
      detail: { purpose: target.purpose === "NEW_USER" ? "new-user" : "password-reset" },
    });
    return true;
  });
  if (!used) {
    const again = await readActivationLink(db, { token: opts.token, nowMs });
    return again.ok ? fail("ACTIVATION_LINK_USED") : again;
  }
  return continueAfterPassword(orgDb, { userId: target.userId, username: target.username, context: opts.context, nowMs });
}
