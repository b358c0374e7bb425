// The last step of every code challenge at login (authenticator app, temporary code, recovery
// code): settle the attempt, spend the single-use value, complete the pending login and record
// the success, in one transaction — a value is never spent without a login, nor a login made
// without its event, nor one made for a user locked meanwhile (L8). When the login finishes on
// the server (a challenge's server action), the session is opened in it too (./open-session.ts). Settling first takes the
// user row before anything else, the lock order every login-state transaction keeps.
// When the value was already spent, another request completed this login first, an
// administrator ended it, or the account locked meanwhile, the transaction is rolled back (so
// nothing is burnt for nothing) and the loss is returned for ChallengeAttempt.lost().
import type { Prisma, VerificationMethod } from "@db/generated";
import type { OrgDb, OrgTx } from "@/lib/db/tenant";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { settleSuccess } from "@/lib/security/lockout";
import { completePendingLogin } from "./pending-login";
import { openSession, type OpenedSession } from "./open-session";
import type { CompletionLoss } from "./start-challenge-attempt";

export type Completion<Detail> = { ok: true; ticket: string; detail: Detail; session: OpenedSession | null } | { ok: false; loss: CompletionLoss };

export async function completeCodeChallenge<Detail extends Prisma.InputJsonObject>(
  orgDb: OrgDb,
  opts: {
    pendingLoginId: string;
    user: { id: string; orgId: string; username: string };
    method: VerificationMethod;
    context: RequestContext;
    nowMs: number;
    /** Spends the value; returns the success event's detail, or null when it was already spent. */
    spend: (tx: OrgTx) => Promise<Detail | null>;
    /** Opens the session in this same transaction (the login finishes on the server) instead of leaving a ticket to exchange. */
    openSessionWith?: Parameters<typeof openSession>[1]["settings"];
  },
): Promise<Completion<Detail>> {
  return retryOnDeadlock(() =>
    orgDb.$transaction(async (tx) => {
      const settings = opts.openSessionWith;
      // A login that ends here clears the failure count, as the ticket exchange would.
      if (!(await settleSuccess(tx, { user: opts.user, nowMs: opts.nowMs, completes: Boolean(settings) }))) throw new Lost("LOCKED");
      const detail = await opts.spend(tx);
      if (!detail) throw new Lost("SPENT");
      const spentAt = settings ? new Date(opts.nowMs) : undefined;
      const ticket = await completePendingLogin(tx, { id: opts.pendingLoginId, fromStage: "MFA_CHALLENGE", method: opts.method, spentAt });
      if (!ticket) throw new Lost("PENDING_GONE");
      const session = settings ? await openSession(tx, { user: opts.user, method: opts.method, settings, context: opts.context, nowMs: opts.nowMs }) : null;
      // Deactivated meanwhile (the user row is locked from the settle on): no login.
      if (settings && !session) throw new Lost("PENDING_GONE");
      await recordEvent(tx, {
        orgId: opts.user.orgId,
        userId: opts.user.id,
        username: opts.user.username,
        activity: "LOGIN",
        method: opts.method,
        status: "SUCCEEDED",
        context: opts.context,
        detail,
      });
      return { ok: true as const, ticket, detail, session };
    }),
  ).catch((error: unknown) => {
    if (error instanceof Lost) return { ok: false as const, loss: error.loss };
    throw error;
  });
}

/** Thrown inside a completing transaction to roll back what it did. */
export class Lost extends Error {
  constructor(readonly loss: CompletionLoss) {
    super(loss);
  }
}
