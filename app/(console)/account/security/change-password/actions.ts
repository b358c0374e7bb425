"use server";
// W3: session guard → High Assurance (when the user has a method to step up with) → one lib call
// on the session's own user → back to My security with a notice.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireHighAssurance, requireSession } from "@/lib/next/guards";
import { getRequestContext } from "@/lib/next/request-context";
import { listStepUpMethods } from "@/lib/auth/step-up-methods";
import { changeMyPassword } from "@/lib/account/change-my-password";
import { passwordProblemMessage, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";
import { errorMessage } from "@/lib/errors";
import { CHANGE_PASSWORD_PATH, MY_SECURITY_PATH, noticePath } from "../state";

export interface ChangePasswordState {
  error?: string;
  problems?: string[];
}

// Generous bounds: the lib applies the real rules; these stop megabyte bodies before argon2.
const form = z.object({
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH * 4),
  newPassword: z.string().max(PASSWORD_MAX_LENGTH * 4),
  confirm: z.string().max(PASSWORD_MAX_LENGTH * 4),
});

export async function changePasswordAction(_prev: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  let current = await requireSession();
  const { hasAnyMethod } = await listStepUpMethods(current.orgDb, { userId: current.user.id });
  if (hasAnyMethod) current = await requireHighAssurance(CHANGE_PASSWORD_PATH);
  const parsed = form.safeParse({
    currentPassword: formData.get("currentPassword") ?? "",
    newPassword: formData.get("newPassword") ?? "",
    confirm: formData.get("confirm") ?? "",
  });
  if (!parsed.success) return { error: errorMessage("PASSWORD_NOT_ACCEPTED"), problems: [passwordProblemMessage("TOO_LONG", 0)] };
  const { user, orgDb } = current;
  const result = await changeMyPassword({
    orgDb,
    me: { id: user.id, orgId: user.orgId, username: user.username },
    context: await getRequestContext(),
    currentSessionId: current.session.id,
    ...parsed.data,
  });
  if (!result.ok) {
    const problems = "problems" in result && result.problems ? result.problems.map((p) => passwordProblemMessage(p, result.minLength ?? 0)) : undefined;
    return { error: errorMessage(result.code), problems };
  }
  revalidatePath(MY_SECURITY_PATH);
  redirect(noticePath(result.sessionsEnded > 0 ? "password-changed-sessions-ended" : "password-changed"));
}
