"use server";
// Setup > Users > user: the admin actions. Each: guard (session, permission, High Assurance where
// L10 asks) → zod → one lib call (change + event in one transaction) → a message.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { disconnectMethodSchema, idSchema, resetMfaSchema, resetPasswordSchema } from "@/lib/api/schemas";
import { errorMessage, type Failure } from "@/lib/errors";
import { expireTempCode } from "@/lib/mfa/temp-codes/expire-temp-code";
import { disconnectMethod } from "@/lib/mfa/admin/disconnect-method";
import { resetMfa } from "@/lib/mfa/admin/reset-mfa";
import { resetPassword } from "@/lib/users/reset-password";
import { unlockUser } from "@/lib/users/unlock-user";
import { revokeUserSessions } from "@/lib/users/revoke-user-sessions";
import { revokeUserSession } from "@/lib/users/revoke-user-session";
import { setUserActive } from "@/lib/users/set-user-active";
import { decideApproval } from "@/lib/mfa/admin/decide-approval";
import { formatTempCode } from "@/lib/mfa/temp-codes/temp-code-policy";
import type { ActionState } from "@/components/console/confirm-action";

const userPath = (id: string) => `/setup/users/${id}`;
const invalid = (error: z.ZodError): ActionState => ({ error: error.issues[0]?.message ?? errorMessage("INVALID_INPUT") });
const answer = (result: { ok: true; pendingApproval?: boolean } | Failure, userId: string): ActionState => {
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath(userPath(userId));
  return result.pendingApproval ? { ok: true, pendingApproval: true } : { ok: true };
};

function actorFor(guard: Extract<Awaited<ReturnType<typeof guardAdminAction>>, { ok: true }>, userId: string) {
  const { current, context } = guard;
  return { orgDb: current.orgDb, orgId: current.user.orgId, actor: { id: current.user.id }, targetUserId: userId, context };
}

export async function expireTempCodeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const userId = idSchema.safeParse(formData.get("userId"));
  if (!userId.success) return invalid(userId.error);
  const guard = await guardAdminAction({ action: "temp-code.expire", returnTo: userPath(userId.data) });
  if (!guard.ok) return guard;
  return answer(await expireTempCode(actorFor(guard, userId.data)), userId.data);
}

export async function disconnectMethodAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = disconnectMethodSchema.safeParse(formData);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, methodType, methodId, reason } = parsed.data;
  const guard = await guardAdminAction({ action: "method.disconnect", returnTo: userPath(userId) });
  if (!guard.ok) return guard;
  return answer(await disconnectMethod({ ...actorFor(guard, userId), method: { type: methodType, id: methodId }, reason }), userId);
}

export async function resetMfaAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = resetMfaSchema.safeParse(formData);
  if (!parsed.success) return invalid(parsed.error);
  const guard = await guardAdminAction({ action: "mfa.reset", returnTo: userPath(parsed.data.userId) });
  if (!guard.ok) return guard;
  return answer(await resetMfa({ ...actorFor(guard, parsed.data.userId), reason: parsed.data.reason }), parsed.data.userId);
}

export async function revokeSessionsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const userId = idSchema.safeParse(formData.get("userId"));
  if (!userId.success) return invalid(userId.error);
  const guard = await guardAdminAction({ action: "sessions.revoke", returnTo: userPath(userId.data) });
  if (!guard.ok) return guard;
  return answer(await revokeUserSessions(actorFor(guard, userId.data)), userId.data);
}

// One session (issue 12): the same policy entry as Revoke all — ending sessions is one right.
export async function revokeSessionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = z.object({ userId: idSchema, sessionId: idSchema }).safeParse({ userId: formData.get("userId"), sessionId: formData.get("sessionId") });
  if (!parsed.success) return invalid(parsed.error);
  const { userId, sessionId } = parsed.data;
  const guard = await guardAdminAction({ action: "sessions.revoke", returnTo: userPath(userId) });
  if (!guard.ok) return guard;
  return answer(await revokeUserSession({ ...actorFor(guard, userId), sessionId }), userId);
}

export async function unlockUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const userId = idSchema.safeParse(formData.get("userId"));
  if (!userId.success) return invalid(userId.error);
  const guard = await guardAdminAction({ action: "user.unlock", returnTo: userPath(userId.data) });
  if (!guard.ok) return guard;
  return answer(await unlockUser(actorFor(guard, userId.data)), userId.data);
}

export async function setUserActiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = z.object({ userId: idSchema, active: z.enum(["true", "false"]) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  const guard = await guardAdminAction({ action: "user.set-active", returnTo: userPath(parsed.data.userId) });
  if (!guard.ok) return guard;
  return answer(await setUserActive({ ...actorFor(guard, parsed.data.userId), active: parsed.data.active === "true" }), parsed.data.userId);
}

export async function decideApprovalAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = z.object({ userId: idSchema, requestId: idSchema, decision: z.enum(["approve", "deny"]) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  const { userId, requestId, decision } = parsed.data;
  const guard = await guardAdminAction({ action: "approval.decide", returnTo: userPath(userId) });
  if (!guard.ok) return guard;
  const result = await decideApproval({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actorId: guard.current.user.id,
    deciderPermissions: guard.current.permissions,
    requestId,
    approve: decision === "approve",
    context: guard.context,
  });
  // An approved temporary code is shown once, to the approver, who gives it to the user. The page
  // is not re-rendered now — the dialog showing it would go with the request's banner — but
  // when they click Done.
  if (result.ok && result.code) return { ok: true, code: formatTempCode(result.code), expiresAt: result.expiresAt?.toISOString() };
  if (result.ok && result.activationLink)
    return { ok: true, activationLink: { url: result.activationLink.url, expiresAt: result.activationLink.expiresAt.toISOString() } };
  return answer(result, userId);
}

export async function resetPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = resetPasswordSchema.safeParse(formData);
  if (!parsed.success) return invalid(parsed.error);
  const guard = await guardAdminAction({ action: "password.reset", returnTo: userPath(parsed.data.userId) });
  if (!guard.ok) return guard;
  const result = await resetPassword({ ...actorFor(guard, parsed.data.userId), reason: parsed.data.reason });
  // The new link is shown once in the dialog; the page re-renders when the admin clicks Done.
  if (result.ok && !result.pendingApproval) return { ok: true, activationLink: { url: result.link.url, expiresAt: result.link.expiresAt.toISOString() } };
  return answer(result, parsed.data.userId);
}
