"use server";
// W1: the activation form. The token comes from the page's own URL (a hidden field); the lib
// call decides everything — a replay with another token or a used one is refused there.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { activateAccount } from "@/lib/activation/activate-account";
import { CHALLENGE_PATHS } from "@/lib/auth/challenge-paths";
import { passwordProblemMessage, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";
import { errorMessage } from "@/lib/errors";
import { getRequestContext } from "@/lib/next/request-context";
import { setPendingCookie } from "@/lib/next/pending-cookie";
import { finishLoginOnServer } from "@/lib/next/sign-in-with-ticket";

export interface ActivationState {
  error?: string;
  /** The password rules the submission broke, as sentences. */
  problems?: string[];
  /** The link cannot be used (any more): the form gives way to what to do. */
  linkDead?: boolean;
}

// Generous bounds: the lib applies the real rules; these stop megabyte bodies before argon2.
const activationForm = z.object({
  token: z.string().max(100),
  password: z.string().max(PASSWORD_MAX_LENGTH * 4),
  confirm: z.string().max(PASSWORD_MAX_LENGTH * 4),
});

export async function activateAction(_prev: ActivationState, formData: FormData): Promise<ActivationState> {
  const parsed = activationForm.safeParse({
    token: formData.get("token") ?? "",
    password: formData.get("password") ?? "",
    confirm: formData.get("confirm") ?? "",
  });
  if (!parsed.success) return { error: errorMessage("PASSWORD_NOT_ACCEPTED"), problems: [passwordProblemMessage("TOO_LONG", 0)] };
  const result = await activateAccount(await getDb(), { ...parsed.data, context: await getRequestContext() });
  if (!result.ok) {
    if ("problems" in result && result.problems)
      return { error: errorMessage(result.code), problems: result.problems.map((p) => passwordProblemMessage(p, result.minLength ?? 0)) };
    const linkDead = result.code.startsWith("ACTIVATION_LINK_") || result.code === "USER_INACTIVE";
    return { error: errorMessage(result.code), linkDead };
  }
  await setPendingCookie(result.pendingToken);
  if (result.next === "session") return finishLoginOnServer(result.ticket);
  redirect(CHALLENGE_PATHS[result.next]);
}
