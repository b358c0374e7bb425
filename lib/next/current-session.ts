// The signed-in caller for this request: decodes the next-auth cookie, then checks the session
// row (revoked, expired, idle, inactive user). Memoised per request with React's cache().
import { cache } from "react";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { getDb } from "@/lib/db/client";
import { forOrg, type OrgDb } from "@/lib/db/tenant";
import { validateSessionToken, type SessionWithUser } from "@/lib/auth/session";
import { effectivePermissions } from "@/lib/users/permissions";
import type { Permission } from "@db/generated";
import { secureCookies } from "./cookies";

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

/** The random session token inside this browser's next-auth cookie, or "". */
export async function readSessionToken(): Promise<string> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw || !process.env.NEXTAUTH_SECRET) return "";
  const jwt = await decode({ token: raw, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  return typeof jwt?.sid === "string" ? jwt.sid : "";
}

export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const sid = await readSessionToken();
  if (!sid) return null;
  const db = await getDb();
  const session = await validateSessionToken(db, sid);
  if (!session) return null;
  return {
    session,
    user: session.user,
    permissions: effectivePermissions(session.user),
    orgDb: forOrg(db, session.orgId),
  };
});
