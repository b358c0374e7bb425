// next-auth carries the session cookie; Postgres holds the truth. The JWT holds nothing but the
// random session token (`sid`), which lib/auth/session.ts checks against its row on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { createSessionFromTicket, endSessionByToken } from "@/lib/auth/session";
import { contextFromHeaders } from "./request-context";
import { clearPendingCookie, pendingTokenFromCookieHeader } from "./pending-cookie";
import { secureCookies } from "./cookies";

export const COOKIE_MAX_AGE_SECONDS = 24 * 3600; // the row's absolute timeout is the real limit

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: COOKIE_MAX_AGE_SECONDS },
  useSecureCookies: secureCookies(),
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "login-ticket",
      name: "Login ticket",
      credentials: { ticket: { type: "text" } },
      async authorize(credentials, req) {
        const headers = new Headers(req.headers as Record<string, string>);
        const created = await createSessionFromTicket(await getDb(), {
          ticket: credentials?.ticket ?? "",
          pendingToken: pendingTokenFromCookieHeader(headers.get("cookie")),
          context: contextFromHeaders(headers),
        });
        if (!created) return null;
        // The pending login is spent: its cookie has nothing left to do (L12).
        await clearPendingCookie();
        return { id: created.userId, sid: created.token };
      },
    }),
  ],
  callbacks: {
    // Keep only the session token in the cookie: no name, email or picture.
    async jwt({ token, user }) {
      const sid = (user as { sid?: string } | undefined)?.sid ?? (token.sid as string | undefined);
      return { sid };
    },
    async session({ session }) {
      return { expires: session.expires };
    },
  },
  events: {
    async signOut({ token }) {
      const sid = token?.sid as string | undefined;
      if (sid) await endSessionByToken(await getDb(), { token: sid, context: { ip: null, userAgent: null } });
    },
  },
};
