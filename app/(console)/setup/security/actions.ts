"use server";
import { revalidatePath } from "next/cache";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { securitySettingsSchema, stepUpConfirmationSchema, updateSecuritySettings } from "@/lib/orgs/security-settings";
import { errorMessage } from "@/lib/errors";
import { firstFieldErrors } from "@/lib/api/first-field-errors";
import { fieldOfFailure } from "@/lib/api/failure-field";

export interface SettingsState {
  error?: string;
  /** Each refused field's message, shown beside it; nothing is saved. */
  fieldErrors?: Record<string, string | undefined>;
  saved?: string[];
}

export async function saveSecuritySettingsAction(_prev: SettingsState, formData: FormData): Promise<SettingsState> {
  // S-changes need a High Assurance session (L10); the step-up returns to this page.
  const guard = await guardAdminAction({ action: "settings.update", returnTo: "/setup/security" });
  if (!guard.ok) return { error: guard.error };
  const { confirmStepUpWarnings, ...raw } = Object.fromEntries(formData);
  const parsed = securitySettingsSchema.safeParse({ ...raw, highAssuranceMethods: formData.getAll("highAssuranceMethods") });
  if (!parsed.success) return { error: errorMessage("INVALID_INPUT"), fieldErrors: firstFieldErrors(parsed.error) };
  const confirmation = stepUpConfirmationSchema.safeParse(confirmStepUpWarnings);
  if (!confirmation.success) return { error: errorMessage("INVALID_INPUT"), fieldErrors: { confirmStepUpWarnings: confirmation.error.issues[0]?.message } };
  const result = await updateSecuritySettings({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actor: { id: guard.current.user.id },
    input: parsed.data,
    stepUpConfirmation: confirmation.data,
    context: guard.context,
  });
  if (!result.ok) {
    const field = fieldOfFailure(result.code);
    return field ? { error: errorMessage("INVALID_INPUT"), fieldErrors: { [field]: errorMessage(result.code) } } : { error: errorMessage(result.code) };
  }
  revalidatePath("/setup/security");
  return { saved: result.changed };
}
