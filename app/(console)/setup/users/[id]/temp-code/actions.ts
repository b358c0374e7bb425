"use server";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { generateTempCodeSchema } from "@/lib/api/schemas";
import { errorMessage } from "@/lib/errors";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { formatTempCode } from "@/lib/mfa/temp-codes/temp-code-policy";
import { firstFieldErrors } from "@/lib/api/first-field-errors";
import { fieldOfFailure } from "@/lib/api/failure-field";

export interface GenerateState {
  error?: string;
  /** Each refused field's message, shown beside it; nothing is generated. */
  fieldErrors?: Record<string, string | undefined>;
  retryAt?: string;
  /** Shown once, then never again (only its hash is stored). */
  code?: string;
  expiresAt?: string;
  /** B3: the code waits for a second administrator, who will see it instead. */
  pendingApproval?: boolean;
}

export async function generateTempCodeAction(_prev: GenerateState, formData: FormData): Promise<GenerateState> {
  const parsed = generateTempCodeSchema.safeParse(formData);
  if (!parsed.success) {
    const fieldErrors = firstFieldErrors(parsed.error);
    // The user id is a hidden field: there is nothing on screen to put its message beside.
    if (fieldErrors.userId) return { error: fieldErrors.userId };
    return { error: errorMessage("INVALID_INPUT"), fieldErrors };
  }
  const { userId, expiresInHours, maxUses, reason } = parsed.data;
  const guard = await guardAdminAction({ action: "temp-code.generate", returnTo: `/setup/users/${userId}/temp-code` });
  if (!guard.ok) return { error: guard.error };
  const result = await generateTempCode({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actor: { id: guard.current.user.id },
    targetUserId: userId,
    expiresInHours,
    maxUses: maxUses ?? null,
    reason,
    context: guard.context,
  });
  if (!result.ok) {
    const field = fieldOfFailure(result.code);
    if (field) return { error: errorMessage("INVALID_INPUT"), fieldErrors: { [field]: errorMessage(result.code) } };
    return { error: errorMessage(result.code), retryAt: result.retryAt?.toISOString() };
  }
  if (result.pendingApproval) return { pendingApproval: true };
  return { code: formatTempCode(result.code), expiresAt: result.expiresAt.toISOString() };
}
