// "Use a recovery code" at the challenge (SPEC B1). A code works once: it is spent by a
// conditional UPDATE (used_at IS NULL) whose row count decides, inside the transaction that
// completes the login, so of racing requests with the same code exactly one wins.
import type { Db } from "@/lib/db/client";
import { startChallengeAttempt } from "@/lib/auth/start-challenge-attempt";
import { completeCodeChallenge } from "@/lib/auth/complete-code-challenge";
import { settingsOf } from "@/lib/auth/login-failure";
import type { OpenedSession } from "@/lib/auth/open-session";
import type { RequestContext } from "@/lib/activity/record-event";
import type { Result } from "@/lib/errors";
import { findRecoveryCode, spendRecoveryCode } from "./recovery-codes";

export async function verifyRecoveryCodeAtLogin(
  db: Db,
  opts: {
    pendingToken: string;
    code: string;
    context: RequestContext;
    nowMs?: number;
    /** The login finishes on the server: the session is opened with it (lib/auth/open-session.ts). */ openSession?: boolean;
  },
): Promise<Result<{ ticket: string; session: OpenedSession | null; remaining: number }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const started = await startChallengeAttempt(db, { ...opts, stage: "MFA_CHALLENGE", method: "RECOVERY_CODE", nowMs });
  if (!started.ok) return started;
  const { attempt } = started;
  const { user, orgDb } = attempt;

  const { match, unused } = await findRecoveryCode(orgDb, { userId: user.id, code: opts.code });
  // A code used before is not a guess either way; it is refused like any wrong code.
  if (!match) return attempt.wrong("INVALID_CODE");

  const completed = await completeCodeChallenge(orgDb, {
    pendingLoginId: attempt.pending.id,
    user,
    method: "RECOVERY_CODE",
    context: opts.context,
    nowMs,
    openSessionWith: opts.openSession ? settingsOf(user) : undefined,
    spend: async (tx) => ((await spendRecoveryCode(tx, { id: match.id, userId: user.id, nowMs })) ? { remaining: unused - 1 } : null),
  });
  if (!completed.ok) return attempt.lost(completed.loss);
  return { ok: true, ticket: completed.ticket, session: completed.session, remaining: completed.detail.remaining };
}
