"use server";
// Log out, step one: revoke this browser's session row and record the LOGOUT event with its IP
// and user agent. The button then calls next-auth's signOut, which clears the cookie.
import { getDb } from "@/lib/db/client";
import { endSessionByToken } from "@/lib/auth/session";
import { readSessionToken } from "./current-session";
import { getRequestContext } from "./request-context";

export async function logoutAction(): Promise<void> {
  const token = await readSessionToken();
  if (token) await endSessionByToken(await getDb(), { token, context: await getRequestContext() });
}
