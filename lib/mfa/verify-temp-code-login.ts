// The temporary-code challenge (SPEC L2, L6, B2): asked alone when a code is active; reusable
// until it expires or reaches its maximum uses. Each use is a use row (time, IP, browser) and an
// event. The use count is raised by a conditional UPDATE, so racing uses never exceed the maximum.
import type { Db } from "@/lib/db/client";
import { startChallengeAttempt } from "@/lib/auth/start-challenge-attempt";
import { completeCodeChallenge } from "@/lib/auth/complete-code-challenge";
import { settingsOf } from "@/lib/auth/login-failure";
import type { OpenedSession } from "@/lib/auth/open-session";
import type { RequestContext } from "@/lib/activity/record-event";
import { codeMatches } from "@/lib/security/code-hash";
import { fail, type Result } from "@/lib/errors";
import { findActiveTempCode } from "./temp-codes/active-temp-code";

export async function verifyTempCodeAtLogin(
  db: Db,
  opts: {
    pendingToken: string;
    code: string;
    context: RequestContext;
    nowMs?: number;
    /** The login finishes on the server: the session is opened with it (lib/auth/open-session.ts). */ openSession?: boolean;
  },
): Promise<Result<{ ticket: string; session: OpenedSession | null }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const started = await startChallengeAttempt(db, { ...opts, stage: "MFA_CHALLENGE", method: "TEMP_CODE", nowMs });
  if (!started.ok) return started;
  const { attempt } = started;
  const { user, orgDb } = attempt;

  const code = await findActiveTempCode(orgDb, { userId: user.id, nowMs });
  // Expired (or expired by an admin) since the password step: the user's other methods apply again.
  if (!code) return attempt.wrong("EXPIRED");
  if (!codeMatches("temp-code", opts.code, code.codeHash)) return attempt.wrong("INVALID_CODE");

  const completed = await completeCodeChallenge(orgDb, {
    pendingLoginId: attempt.pending.id,
    user,
    method: "TEMP_CODE",
    context: opts.context,
    nowMs,
    openSessionWith: opts.openSession ? settingsOf(user) : undefined,
    spend: async (tx) => {
      const used = await tx.tempCode.updateMany({
        where: {
          id: code.id,
          expiredAt: null,
          expiresAt: { gt: new Date(nowMs) },
          ...(code.maxUses !== null ? { useCount: { lt: code.maxUses } } : {}),
        },
        data: { useCount: { increment: 1 } },
      });
      if (used.count !== 1) return null;
      // Our UPDATE holds the row lock, so this read is the true count. The last allowed use ends
      // the code, so "active" stays a plain expired_at test.
      const after = await tx.tempCode.findUniqueOrThrow({ where: { id: code.id } });
      if (after.maxUses !== null && after.useCount >= after.maxUses) {
        await tx.tempCode.update({ where: { id: code.id }, data: { expiredAt: new Date(nowMs) } });
      }
      await tx.tempCodeUse.create({
        data: { orgId: user.orgId, tempCodeId: code.id, usedAt: new Date(nowMs), ip: opts.context.ip, userAgent: opts.context.userAgent },
      });
      return { use: after.useCount, maxUses: after.maxUses };
    },
  });
  if (completed.ok) return { ok: true, ticket: completed.ticket, session: completed.session };
  // The code reached its maximum uses or was expired meanwhile: the user's usual methods apply.
  if (completed.loss === "SPENT") {
    await attempt.refuse("EXPIRED");
    return fail("TEMP_CODE_SPENT");
  }
  return attempt.lost(completed.loss);
}
