// The end of a login, on the server (issue 11): the challenge's server action gets its session —
// opened by the very transaction that accepted the code (lib/auth/open-session.ts), or for a
// password-only login and an activation, exchanged for the ticket here — and sets next-auth's
// session cookie itself — the same JWT next-auth would write
// (only the session token, `sid`), read back by getServerSession and next-auth's signOut as
// before — then redirects to the user's start page. In the browser that was four more requests
// after the code was accepted: next-auth's providers, csrf and callback, then "/" and its
// redirect. next-auth's own callback (components/auth/finish-login.ts) stays for the flows that
// finish in the browser: after first recovery codes are saved, and a security key.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { encode } from "next-auth/jwt";
import { getDb } from "@/lib/db/client";
import { createSessionFromTicket } from "@/lib/auth/session";
import { effectivePermissions } from "@/lib/users/permissions";
import { COOKIE_MAX_AGE_SECONDS } from "./auth-options";
import { sessionCookieName } from "./current-session";
import { clearPendingCookie, readPendingCookie } from "./pending-cookie";
import { contextFromHeaders } from "./request-context";
import { secureCookies } from "./cookies";
import { landingPath } from "./landing-path";
import type { FailureState } from "./failure-state";
import type { OpenedSession } from "@/lib/auth/open-session";

/** next-auth's session cookie for a session row's token: the same JWT next-auth writes (only `sid`). */
async function setSessionCookie(sessionToken: string): Promise<void> {
  await clearPendingCookie();
  const jwt = await encode({ token: { sid: sessionToken }, secret: process.env.NEXTAUTH_SECRET!, maxAge: COOKIE_MAX_AGE_SECONDS });
  (await cookies()).set(sessionCookieName(), jwt, { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/", maxAge: COOKIE_MAX_AGE_SECONDS });
}

/** The start page to redirect to, or null when the ticket no longer makes a session (as next-auth's authorize). */
export async function signInWithTicket(ticket: string): Promise<string | null> {
  const db = await getDb();
  const created = await createSessionFromTicket(db, { ticket, pendingToken: await readPendingCookie(), context: contextFromHeaders(await headers()) });
  if (!created) return null;
  await setSessionCookie(created.token);
  const user = await db.user.findUniqueOrThrow({
    where: { id: created.userId },
    select: { extraPermissions: true, profile: { select: { permissions: true } } },
  });
  return landingPath(effectivePermissions(user));
}

/**
 * For a challenge's server action: on to the start page with the session — opened already by the
 * transaction that accepted the code (lib/auth/open-session.ts), or exchanged for its ticket now —
 * or what its form shows.
 */
export async function finishLoginOnServer(login: string | { ticket: string; session?: OpenedSession | null }): Promise<FailureState> {
  const opened = typeof login === "string" ? null : (login.session ?? null);
  if (opened) {
    await setSessionCookie(opened.token);
    redirect(landingPath(opened.permissions));
  }
  const to = await signInWithTicket(typeof login === "string" ? login : login.ticket);
  if (!to) return { error: "We couldn't start your session. Please log in again.", expired: true };
  redirect(to);
}
