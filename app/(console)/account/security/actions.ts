"use server";
// My security (SPEC B7, L9): each action is session guard → zod → (High Assurance) → one lib
// call scoped to the session's own user in the session's org → an answer. Ids in the form only
// pick among the caller's own rows; the lib calls refuse anything else.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireHighAssurance, requireSession } from "@/lib/next/guards";
import { getRequestContext } from "@/lib/next/request-context";
import type { CurrentSession } from "@/lib/next/current-session";
import { errorMessage } from "@/lib/errors";
import { methodRefSchema, renameMethodSchema, sessionRefSchema } from "@/lib/account/schemas";
import { renameMyMethod } from "@/lib/account/rename-my-method";
import { removeMyMethod } from "@/lib/account/remove-my-method";
import { regenerateMyRecoveryCodes } from "@/lib/account/regenerate-my-recovery-codes";
import { endMySession } from "@/lib/account/end-my-session";
import { endMyOtherSessions } from "@/lib/account/end-my-other-sessions";
import { listStepUpMethods } from "@/lib/auth/step-up-methods";
import { confirmPath, MY_SECURITY_PATH, noticePath, REGENERATE_DIALOG, type AccountActionState, type Notice } from "./state";

async function account(current: CurrentSession) {
  const { user, orgDb } = current;
  return { orgDb, me: { id: user.id, orgId: user.orgId, username: user.username }, context: await getRequestContext() };
}

function backWith(notice: Notice): never {
  revalidatePath(MY_SECURITY_PATH);
  redirect(noticePath(notice));
}

export async function renameMethodAction(_prev: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const current = await requireSession();
  const parsed = renameMethodSchema.safeParse({ kind: formData.get("kind"), methodId: formData.get("methodId"), name: formData.get("name") ?? "" });
  const name = String(formData.get("name") ?? "");
  if (!parsed.success) return { name, error: parsed.error.issues.find((i) => i.path[0] === "name")?.message ?? errorMessage("NOT_FOUND") };
  const result = await renameMyMethod({ ...(await account(current)), ...parsed.data });
  if (!result.ok) return { name, error: errorMessage(result.code) };
  revalidatePath(MY_SECURITY_PATH);
  return { ok: true };
}

export async function removeMethodAction(_prev: AccountActionState, formData: FormData): Promise<AccountActionState> {
  await requireSession();
  const parsed = methodRefSchema.safeParse({ kind: formData.get("kind"), methodId: formData.get("methodId") });
  if (!parsed.success) return { error: errorMessage("NOT_FOUND") };
  // Removing a method needs a fresh verification (B7); a Standard session steps up and comes back.
  const current = await requireHighAssurance(confirmPath(`remove-${parsed.data.kind}-${parsed.data.methodId}`));
  const result = await removeMyMethod({ ...(await account(current)), ...parsed.data });
  if (!result.ok) return { error: errorMessage(result.code) };
  backWith(result.remainingMethods === 0 ? "last-method-removed" : "method-removed");
}

export async function regenerateRecoveryCodesAction(_prev: AccountActionState): Promise<AccountActionState> {
  let current = await requireSession();
  // New codes are a way in: with any method registered, only a freshly verified session gets them.
  const { hasAnyMethod } = await listStepUpMethods(current.orgDb, { userId: current.user.id });
  if (hasAnyMethod) current = await requireHighAssurance(confirmPath(REGENERATE_DIALOG));
  const result = await regenerateMyRecoveryCodes(await account(current));
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath(MY_SECURITY_PATH);
  return { ok: true, codes: result.codes };
}

export async function endSessionAction(_prev: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const current = await requireSession();
  const parsed = sessionRefSchema.safeParse({ sessionId: formData.get("sessionId") });
  if (!parsed.success) return { error: errorMessage("NOT_FOUND") };
  const result = await endMySession({ ...(await account(current)), sessionId: parsed.data.sessionId, currentSessionId: current.session.id });
  if (!result.ok) return { error: errorMessage(result.code) };
  backWith("session-ended");
}

export async function endOtherSessionsAction(_prev: AccountActionState): Promise<AccountActionState> {
  const current = await requireSession();
  const idleMinutes = current.user.org.settings?.sessionIdleMinutes ?? 120;
  const result = await endMyOtherSessions({ ...(await account(current)), currentSessionId: current.session.id, idleMinutes });
  if (!result.ok) return { error: errorMessage(result.code) };
  backWith(result.ended > 0 ? "sessions-ended" : "no-other-sessions");
}
