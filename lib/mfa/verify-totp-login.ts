// The TOTP challenge of a pending login (SPEC L4). A time step is accepted once per user
// (lib/mfa/totp-step.ts, shared with step-up), consumed in the transaction that completes the
// login, so of any number of racing requests carrying the same code exactly one wins.
import type { Db } from "@/lib/db/client";
import { startChallengeAttempt } from "@/lib/auth/start-challenge-attempt";
import { completeCodeChallenge } from "@/lib/auth/complete-code-challenge";
import { settingsOf } from "@/lib/auth/login-failure";
import type { OpenedSession } from "@/lib/auth/open-session";
import type { RequestContext } from "@/lib/activity/record-event";
import type { Result } from "@/lib/errors";
import { consumeTotpStep, matchUserTotp } from "./totp-step";

export async function verifyTotpAtLogin(
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
  const started = await startChallengeAttempt(db, { ...opts, stage: "MFA_CHALLENGE", method: "TOTP", nowMs });
  if (!started.ok) return started;
  const { attempt } = started;
  const { user, orgDb } = attempt;

  const match = await matchUserTotp(orgDb, { userId: user.id, code: opts.code, nowMs });
  if (!match) return attempt.wrong("INVALID_CODE");

  const completed = await completeCodeChallenge(orgDb, {
    pendingLoginId: attempt.pending.id,
    user,
    method: "TOTP",
    context: opts.context,
    nowMs,
    openSessionWith: opts.openSession ? settingsOf(user) : undefined,
    spend: async (tx) => ((await consumeTotpStep(tx, { userId: user.id, orgId: user.orgId, match, nowMs })) ? { factor: match.factor.name } : null),
  });
  // A spent code proves possession of the app, not guessing: an event, but no lockout count.
  if (!completed.ok) return attempt.lost(completed.loss);
  return { ok: true, ticket: completed.ticket, session: completed.session };
}
