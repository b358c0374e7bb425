// "My security" sessions (SPEC L9): the user's live sessions — not revoked, inside the absolute
// lifetime and the idle timeout — newest first, with the one making this request marked.
import type { Prisma, SessionLevel, VerificationMethod } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { currentLevel } from "@/lib/auth/session-level";
import { describeUserAgent } from "./user-agent";

export interface MySession {
  id: string;
  current: boolean;
  browser: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  level: SessionLevel;
  loginMethod: VerificationMethod;
}

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
  const sessions = rows.map((s) => ({
    id: s.id,
    current: s.id === opts.currentSessionId,
    browser: describeUserAgent(s.userAgent),
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    level: currentLevel(s, nowMs).level,
    loginMethod: s.loginMethod,
  }));
  // This session first, then the others newest first.
  return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
}
