// One session as both session tables show it — My security's and the admin user page's (L9):
// the browser in words, the level it has now, how it was opened, whether it is the viewer's own.
import type { Session, SessionLevel, VerificationMethod } from "@db/generated";
import { currentLevel } from "@/lib/auth/session-level";
import { describeUserAgent } from "./user-agent";

export interface SessionView {
  id: string;
  /** The session making this request. */
  current: boolean;
  browser: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  level: SessionLevel;
  loginMethod: VerificationMethod;
}

type SessionFields = Pick<Session, "id" | "userAgent" | "ip" | "createdAt" | "lastSeenAt" | "level" | "highAssuranceUntil" | "loginMethod">;

export function toSessionView(s: SessionFields, opts: { currentSessionId: string | null; nowMs: number }): SessionView {
  return {
    id: s.id,
    current: s.id === opts.currentSessionId,
    browser: describeUserAgent(s.userAgent),
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    level: currentLevel(s, opts.nowMs).level,
    loginMethod: s.loginMethod,
  };
}
