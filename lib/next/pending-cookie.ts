// The browser half of a pending login (SPEC L12): an httpOnly cookie holding the random token
// whose hash keys the pending_logins row. Under https it is a `__Host-` cookie — Secure, whole
// site, no Domain — so no sibling subdomain can set or overwrite it; it is cleared as soon as
// the login has become a session.
import { cookies } from "next/headers";
import { PENDING_LOGIN_MINUTES } from "@/lib/config";
import { secureCookies } from "./cookies";

export function pendingCookieName(): string {
  return secureCookies() ? "__Host-mfa_pending" : "mfa_pending";
}

export async function setPendingCookie(token: string): Promise<void> {
  (await cookies()).set(pendingCookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    maxAge: PENDING_LOGIN_MINUTES * 60,
  });
}

export async function readPendingCookie(): Promise<string> {
  return (await cookies()).get(pendingCookieName())?.value ?? "";
}

export async function clearPendingCookie(): Promise<void> {
  (await cookies()).set(pendingCookieName(), "", { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/", maxAge: 0 });
}

export function pendingTokenFromCookieHeader(header: string | undefined | null): string {
  const wanted = pendingCookieName();
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === wanted) return decodeURIComponent(rest.join("="));
  }
  return "";
}
