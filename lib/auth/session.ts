// Sessions live in Postgres (SPEC L9); the next-auth cookie carries only a random token whose
// hash keys the row, so revoking the row ends the session on the browser's next request.
import type { Db } from "@/lib/db/client";
import { LAST_SEEN_WRITE_INTERVAL_SECONDS } from "@/lib/config";
import { sha256Hex } from "@/lib/security/tokens";
import type { RequestContext } from "@/lib/activity/record-event";
import { recordEvent } from "@/lib/activity/record-event";
import { effectivePermissions } from "@/lib/users/permissions";
import { forOrg } from "@/lib/db/tenant";
import { retryOnDeadlock } from "@/lib/db/retry";
import { settleSuccess } from "@/lib/security/lockout";
import { openSession } from "./open-session";
import { sessionByTokenHash, type SessionWithUser } from "./session-row";

/**
 * Exchanges a completed pending login's single-use ticket for a session. The ticket is consumed
 * by a conditional update inside the transaction that creates the session, and only together
 * with the pending-login cookie of the browser that earned it. A user locked (L8) or deactivated
 * since the challenge gets no session; the first statement takes the user row, the lock order of
 * every login-state transaction (lib/db/lock-user.ts), and clears the failure count of a login
 * that is now complete.
 */
export async function createSessionFromTicket(
  db: Db,
  opts: { ticket: string; pendingToken: string; context: RequestContext; nowMs?: number },
): Promise<{ token: string; userId: string } | null> {
  if (!opts.ticket || !opts.pendingToken) return null;
  const nowMs = opts.nowMs ?? Date.now();
  const now = new Date(nowMs);
  const where = {
    ticketHash: sha256Hex(opts.ticket),
    tokenHash: sha256Hex(opts.pendingToken),
    stage: "COMPLETED" as const,
    consumedAt: null,
    expiresAt: { gt: now },
  };
  const found = await db.pendingLogin.findFirst({ where, select: { id: true, orgId: true } });
  if (!found) return null;
  // From here the org is known: every query is scoped to it (T1).
  const orgDb = forOrg(db, found.orgId);
  return retryOnDeadlock(() =>
    orgDb.$transaction(async (tx) => {
      const pending = await tx.pendingLogin.findFirst({
        where: { ...where, id: found.id },
        include: { user: { include: { org: { include: { settings: true } } } } },
      });
      if (!pending || !pending.method || !pending.user.isActive) return null;
      if (!(await settleSuccess(tx, { user: pending.user, nowMs, completes: true }))) return null;
      const { count } = await tx.pendingLogin.updateMany({ where: { ...where, id: pending.id }, data: { consumedAt: now } });
      if (count !== 1) throw new TicketLost();

      const opened = await openSession(tx, { user: pending.user, method: pending.method, settings: pending.user.org.settings!, context: opts.context, nowMs });
      if (!opened) throw new TicketLost();
      return { token: opened.token, userId: opened.userId };
    }),
  ).catch((error: unknown) => {
    // Spent by a racing exchange, or voided by an administrator: the settle rolls back with it.
    if (error instanceof TicketLost) return null;
    throw error;
  });
}

class TicketLost extends Error {}

export type { SessionWithUser } from "./session-row";

/** The live session for a cookie token, or null when revoked, expired, idle too long, or the user is inactive. */
export async function validateSessionToken(db: Db, token: string, nowMs = Date.now()): Promise<SessionWithUser | null> {
  if (!token) return null;
  const session = await sessionByTokenHash(db, sha256Hex(token));
  if (!session || session.revokedAt || !session.user.isActive) return null;
  // L11: a user made Api Only after logging in has no UI session any more.
  if (effectivePermissions(session.user).has("API_ONLY")) return null;
  const settings = session.user.org.settings!;
  if (session.expiresAt.getTime() <= nowMs) return null;
  if (session.lastSeenAt.getTime() + settings.sessionIdleMinutes * 60_000 <= nowMs) return null;
  // Last-seen is written at most once a minute per session, not on every request.
  if (nowMs - session.lastSeenAt.getTime() > LAST_SEEN_WRITE_INTERVAL_SECONDS * 1000) {
    await db.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { lastSeenAt: new Date(nowMs) } });
  }
  return session;
}

/** Ends the browser's own session (Log out). */
export async function endSessionByToken(db: Db, opts: { token: string; context: RequestContext }): Promise<void> {
  const session = await db.session.findUnique({ where: { tokenHash: sha256Hex(opts.token) }, include: { user: { select: { username: true } } } });
  if (!session || session.revokedAt) return;
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: "logout" },
    });
    if (count === 1) {
      await recordEvent(tx, {
        orgId: session.orgId,
        userId: session.userId,
        username: session.user.username,
        activity: "LOGOUT",
        status: "SUCCEEDED",
        context: opts.context,
      });
    }
  });
}
