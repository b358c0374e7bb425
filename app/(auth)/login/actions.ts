"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { CHALLENGE_PATHS } from "@/lib/auth/challenge-paths";
import { errorMessage } from "@/lib/errors";
import { getRequestContext } from "@/lib/next/request-context";
import { setPendingCookie } from "@/lib/next/pending-cookie";

const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username.").max(254, "That username is too long."),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

export interface LoginState {
  username?: string;
  error?: string;
  fieldErrors?: { username?: string; password?: string };
  ticket?: string;
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({ username: formData.get("username"), password: formData.get("password") });
  const username = String(formData.get("username") ?? "");
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { username, fieldErrors: { username: errors.username?.[0], password: errors.password?.[0] } };
  }
  const result = await startPasswordLogin(await getDb(), { ...parsed.data, context: await getRequestContext() });
  if (!result.ok) return { username, error: errorMessage(result.code) };
  await setPendingCookie(result.pendingToken);
  if (result.next === "session") return { ticket: result.ticket };
  redirect(CHALLENGE_PATHS[result.next]);
}
