"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { CHALLENGE_PATHS } from "@/lib/auth/challenge-paths";
import { loginSchema } from "@/lib/api/schemas";
import { failureState, type FailureState } from "@/lib/next/failure-state";
import { getRequestContext } from "@/lib/next/request-context";
import { setPendingCookie } from "@/lib/next/pending-cookie";
import { afterResponse } from "@/lib/next/after-response";
import { finishLoginOnServer } from "@/lib/next/sign-in-with-ticket";

export interface LoginState extends Partial<FailureState> {
  /** INVALID_CREDENTIALS: the form adds the (unconditional) lockout hint. */
  invalidCredentials?: boolean;
  username?: string;
  fieldErrors?: { username?: string; password?: string };
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const username = String(formData.get("username") ?? "");
  const parsed = loginSchema.safeParse({ username, password: formData.get("password") });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { username, fieldErrors: { username: errors.username?.[0], password: errors.password?.[0] } };
  }
  const result = await startPasswordLogin(await getDb(), { ...parsed.data, context: await getRequestContext(), defer: afterResponse });
  if (!result.ok) return { username, ...failureState(result), invalidCredentials: result.code === "INVALID_CREDENTIALS" };
  await setPendingCookie(result.pendingToken);
  // Password alone completes this login: the session is made here (lib/next/sign-in-with-ticket.ts).
  if (result.next === "session") return { username, ...(await finishLoginOnServer(result.ticket)) };
  redirect(CHALLENGE_PATHS[result.next]);
}
