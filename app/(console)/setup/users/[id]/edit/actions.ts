"use server";
import { revalidatePath } from "next/cache";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { userFieldsSchema } from "@/lib/users/user-schemas";
import { updateUser } from "@/lib/users/update-user";
import { idSchema } from "@/lib/api/schemas";
import { errorMessage } from "@/lib/errors";
import { firstFieldErrors } from "@/lib/api/first-field-errors";
import { fieldOfFailure } from "@/lib/api/failure-field";
import type { UserFormState } from "@/components/console/user-form";

export async function updateUserAction(_prev: UserFormState, formData: FormData): Promise<UserFormState> {
  const userId = idSchema.safeParse(formData.get("userId"));
  if (!userId.success) return { error: errorMessage("NOT_FOUND") };
  // Changing profiles and permissions needs a High Assurance session (L10).
  const guard = await guardAdminAction({ action: "user.update", returnTo: `/setup/users/${userId.data}/edit` });
  if (!guard.ok) return { error: guard.error };
  const parsed = userFieldsSchema.safeParse({
    name: formData.get("name"),
    profileId: formData.get("profileId"),
    extraPermissions: formData.getAll("extraPermissions"),
  });
  if (!parsed.success) {
    return { error: errorMessage("INVALID_INPUT"), fieldErrors: firstFieldErrors(parsed.error) };
  }
  const result = await updateUser({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actor: { id: guard.current.user.id },
    targetUserId: userId.data,
    actorPermissions: guard.current.permissions,
    input: parsed.data,
    context: guard.context,
  });
  if (!result.ok) {
    const field = fieldOfFailure(result.code);
    return field ? { error: errorMessage("INVALID_INPUT"), fieldErrors: { [field]: errorMessage(result.code) } } : { error: errorMessage(result.code) };
  }
  revalidatePath(`/setup/users/${userId.data}`);
  return { saved: true, userId: userId.data };
}
