// The signed-in caller for this request: decodes the next-auth cookie, then checks the session
// row (revoked, expired, idle, inactive user). Memoised per request with React's cache().
import { cache } from "react";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { getDb, type Db } from "@/lib/db/client";
import { forOrg, type OrgDb } from "@/lib/db/tenant";
import { validateSessionToken, type SessionWithUser } from "@/lib/auth/session";
import { effectivePermissions } from "@/lib/users/permissions";
import type { Permission } from "@db/generated";
import { secureCookies } from "./cookies";
import { cachedSessionToken, rememberSessionToken } from "./session-cookie-cache";

export interface CurrentSession {
  session: SessionWithUser;
  user: SessionWithUser["user"];
  permissions: Set<Permission>;
  /** Every query through this client is confined to the caller's org. */
  orgDb: OrgDb;
}

export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The random session token inside a next-auth cookie's value, or "". */
export async function sessionTokenOf(cookieValue: string | undefined, nowMs = Date.now()): Promise<string> {
  if (!cookieValue || !process.env.NEXTAUTH_SECRET) return "";
  const cached = cachedSessionToken(cookieValue, nowMs);
  if (cached) return cached;
  const jwt = await decode({ token: cookieValue, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  if (typeof jwt?.sid !== "string" || typeof jwt.exp !== "number") return "";
  rememberSessionToken(cookieValue, { sid: jwt.sid, expiresAtMs: jwt.exp * 1000 });
  return jwt.sid;
}

/** The random session token inside this browser's next-auth cookie, or "". */
export async function readSessionToken(): Promise<string> {
  return sessionTokenOf((await cookies()).get(sessionCookieName())?.value);
}

/** The whole check a signed-in request pays (bench/session-check.ts measures it): the cookie, then the row. */
export async function sessionOfCookie(db: Db, cookieValue: string | undefined): Promise<SessionWithUser | null> {
  const sid = await sessionTokenOf(cookieValue);
  return sid ? validateSessionToken(db, sid) : null;
}

export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const db = await getDb();
  const session = await sessionOfCookie(db, (await cookies()).get(sessionCookieName())?.value);
  if (!session) return null;
  return {
    session,
    user: session.user,
    permissions: effectivePermissions(session.user),
    orgDb: forOrg(db, session.orgId),
  };
});
