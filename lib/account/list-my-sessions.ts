// "My security" sessions (SPEC L9): the user's live sessions — not revoked, inside the absolute
// lifetime and the idle timeout — newest first, with the one making this request marked.
import type { Prisma } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { toSessionView, type SessionView } from "./session-view";

export type MySession = SessionView;

/** Sessions that would still be accepted on their next request (lib/auth/session.ts). */
export function liveSessionsWhere(opts: { userId: string; idleMinutes: number; nowMs: number }): Prisma.SessionWhereInput {
  return {
    userId: opts.userId,
    revokedAt: null,
    expiresAt: { gt: new Date(opts.nowMs) },
    lastSeenAt: { gt: new Date(opts.nowMs - opts.idleMinutes * 60_000) },
  };
}

export async function listMySessions(
  orgDb: OrgDb,
  opts: { userId: string; currentSessionId: string; idleMinutes: number; nowMs?: number },
): Promise<MySession[]> {
  const nowMs = opts.nowMs ?? Date.now();
  const rows = await orgDb.session.findMany({ where: liveSessionsWhere({ ...opts, nowMs }), orderBy: { createdAt: "desc" } });
  const sessions = rows.map((s) => toSessionView(s, { currentSessionId: opts.currentSessionId, nowMs }));
  // This session first, then the others newest first.
  return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
}
