"use server";
import { revalidatePath } from "next/cache";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { securitySettingsSchema, updateSecuritySettings } from "@/lib/orgs/security-settings";
import { errorMessage } from "@/lib/errors";
import { firstFieldErrors } from "@/lib/api/first-field-errors";

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
  const raw = Object.fromEntries(formData);
  const parsed = securitySettingsSchema.safeParse({ ...raw, highAssuranceMethods: formData.getAll("highAssuranceMethods") });
  if (!parsed.success) return { error: errorMessage("INVALID_INPUT"), fieldErrors: firstFieldErrors(parsed.error) };
  const result = await updateSecuritySettings({ orgDb: guard.current.orgDb, orgId: guard.current.user.orgId, actor: { id: guard.current.user.id }, input: parsed.data, context: guard.context });
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath("/setup/security");
  return { saved: result.changed };
}
