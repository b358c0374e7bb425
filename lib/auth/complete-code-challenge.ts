// The last step of every code challenge at login (authenticator app, temporary code, recovery
// code): spend the single-use value, complete the pending login and record the success, in one
// transaction — a value is never spent without a login, nor a login made without its event.
// Returns null when the value was already spent, or when another request completed this pending
// login first; the transaction is then rolled back, so nothing is burnt for nothing.
import type { Prisma, VerificationMethod } from "@db/generated";
import type { Db } from "@/lib/db/client";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { completePendingLogin } from "./pending-login";

export async function completeCodeChallenge<Detail extends Prisma.InputJsonObject>(
  db: Db,
  opts: {
    pendingLoginId: string;
    user: { id: string; orgId: string; username: string };
    method: VerificationMethod;
    context: RequestContext;
    /** Spends the value; returns the success event's detail, or null when it was already spent. */
    spend: (tx: Prisma.TransactionClient) => Promise<Detail | null>;
  },
): Promise<{ ticket: string; detail: Detail } | null> {
  return db
    .$transaction(async (tx) => {
      const detail = await opts.spend(tx);
      if (!detail) return null;
      const ticket = await completePendingLogin(tx, { id: opts.pendingLoginId, fromStage: "MFA_CHALLENGE", method: opts.method });
      if (!ticket) throw new PendingLoginRace();
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
      return { ticket, detail };
    })
    .catch((error: unknown) => {
      if (error instanceof PendingLoginRace) return null;
      throw error;
    });
}

class PendingLoginRace extends Error {}
