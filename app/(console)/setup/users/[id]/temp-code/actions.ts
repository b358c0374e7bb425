"use server";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { generateTempCodeSchema } from "@/lib/api/schemas";
import { errorMessage } from "@/lib/errors";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { formatTempCode } from "@/lib/mfa/temp-codes/temp-code-policy";

export interface GenerateState {
  error?: string;
  retryAt?: string;
  /** Shown once, then never again (only its hash is stored). */
  code?: string;
  expiresAt?: string;
  /** B3: the code waits for a second administrator, who will see it instead. */
  pendingApproval?: boolean;
}

export async function generateTempCodeAction(_prev: GenerateState, formData: FormData): Promise<GenerateState> {
  const parsed = generateTempCodeSchema.safeParse(formData);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
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
  if (!result.ok) return { error: errorMessage(result.code), retryAt: result.retryAt?.toISOString() };
  if (result.pendingApproval) return { pendingApproval: true };
  return { code: formatTempCode(result.code), expiresAt: result.expiresAt.toISOString() };
}
