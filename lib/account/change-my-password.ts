// W3 "Change password" on My security: the current password, then a new one that meets the W4
// rules. Every other session of the user ends (a thief's session with it) and any login in
// progress is voided; the session making the change stays. One transaction, one event.
// Wrong current passwords are throttled per user: a borrowed session must not become a way to
// guess the password at argon2 speed.
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblems, type PasswordProblem } from "@/lib/auth/password-rules";
import { isCommonPassword } from "@/lib/auth/password-blocklist";
import { hitRateLimit, refundRateLimit } from "@/lib/security/rate-limit";
import { lockUserRow } from "@/lib/db/lock-user";
import { selfEvent, type AccountActionOptions } from "./account-action";

export const REVOKED_BY_PASSWORD_CHANGE = "password-changed";

export type ChangePasswordResult = Result<{ sessionsEnded: number }> | (Extract<Result, { ok: false }> & { problems?: PasswordProblem[]; minLength?: number });

export async function changeMyPassword(
  opts: AccountActionOptions & { currentSessionId: string; currentPassword: string; newPassword: string; confirm: string },
): Promise<ChangePasswordResult> {
  const nowMs = opts.nowMs ?? Date.now();
  const me = await opts.orgDb.user.findUniqueOrThrow({
    where: { id: opts.me.id },
    select: { passwordHash: true, username: true, org: { select: { name: true, settings: { select: { passwordMinLength: true } } } } },
  });
  const minLength = me.org.settings?.passwordMinLength ?? 12;
  const problems = passwordProblems(opts.newPassword, {
    minLength,
    username: me.username,
    orgName: me.org.name,
    confirm: opts.confirm,
    isCommon: isCommonPassword,
  });
  if (problems.length) return { ...fail("PASSWORD_NOT_ACCEPTED"), problems, minLength };

  const throttle = await hitRateLimit(opts.orgDb, { limit: "CURRENT_PASSWORD_FAILURES_PER_USER", subject: opts.me.id, nowMs });
  if (!throttle.ok) return fail("RATE_LIMITED", { retryAt: throttle.retryAt });
  if (!(await verifyPassword(me.passwordHash, opts.currentPassword))) {
    await recordEvent(opts.orgDb, { ...selfEvent(opts), activity: "PASSWORD_CHANGED", method: "PASSWORD", status: "FAILED", reason: "INVALID_CREDENTIALS" });
    return fail("CURRENT_PASSWORD_WRONG");
  }
  await refundRateLimit(opts.orgDb, throttle.hit);
  if (await verifyPassword(me.passwordHash, opts.newPassword)) return { ...fail("PASSWORD_NOT_ACCEPTED"), problems: ["SAME_AS_CURRENT"], minLength };
  const passwordHash = await hashPassword(opts.newPassword);

  return opts.orgDb.$transaction(async (tx) => {
    const now = new Date(nowMs);
    await lockUserRow(tx, { id: opts.me.id, orgId: opts.me.orgId });
    // Only over the hash just verified: a reset by an admin meanwhile wins.
    const changed = await tx.user.updateMany({ where: { id: opts.me.id, passwordHash: me.passwordHash }, data: { passwordHash, passwordChangedAt: now } });
    if (changed.count !== 1) return fail("CURRENT_PASSWORD_WRONG");
    const ended = await tx.session.updateMany({
      where: { userId: opts.me.id, revokedAt: null, id: { not: opts.currentSessionId } },
      data: { revokedAt: now, revokedReason: REVOKED_BY_PASSWORD_CHANGE },
    });
    await tx.pendingLogin.updateMany({ where: { userId: opts.me.id, consumedAt: null }, data: { consumedAt: now } });
    await recordEvent(tx, {
      ...selfEvent(opts),
      activity: "PASSWORD_CHANGED",
      method: "PASSWORD",
      status: "SUCCEEDED",
      detail: { otherSessionsEnded: ended.count },
    });
    return { ok: true as const, sessionsEnded: ended.count };
  });
}
