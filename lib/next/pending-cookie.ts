// The browser half of a pending login (SPEC L12): an httpOnly cookie holding the random token
// whose hash keys the pending_logins row.
import { cookies } from "next/headers";
import { PENDING_LOGIN_MINUTES } from "@/lib/config";
import { secureCookies } from "./cookies";

export const PENDING_COOKIE = "mfa_pending";

export async function setPendingCookie(token: string): Promise<void> {
  (await cookies()).set(PENDING_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    maxAge: PENDING_LOGIN_MINUTES * 60,
  });
}

export async function readPendingCookie(): Promise<string> {
  return (await cookies()).get(PENDING_COOKIE)?.value ?? "";
}

export async function clearPendingCookie(): Promise<void> {
  (await cookies()).delete(PENDING_COOKIE);
}

export function pendingTokenFromCookieHeader(header: string | undefined | null): string {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === PENDING_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return "";
}
