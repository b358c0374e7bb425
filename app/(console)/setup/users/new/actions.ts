"use server";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { createUserSchema } from "@/lib/users/user-schemas";
import { createUser } from "@/lib/users/create-user";
import { errorMessage } from "@/lib/errors";
import { firstFieldErrors } from "@/lib/api/first-field-errors";
import { fieldOfFailure } from "@/lib/api/failure-field";
import type { UserFormState } from "@/components/console/user-form";

export async function createUserAction(_prev: UserFormState, formData: FormData): Promise<UserFormState> {
  // Creating accounts (possibly administrators) needs a High Assurance session (L10).
  const guard = await guardAdminAction({ action: "user.create", returnTo: "/setup/users/new" });
  if (!guard.ok) return { error: guard.error };
  const parsed = createUserSchema.safeParse({
    name: formData.get("name"),
    username: formData.get("username"),
    profileId: formData.get("profileId"),
    extraPermissions: formData.getAll("extraPermissions"),
  });
  if (!parsed.success) {
    return { error: errorMessage("INVALID_INPUT"), fieldErrors: firstFieldErrors(parsed.error) };
  }
  const result = await createUser({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actor: { id: guard.current.user.id },
    actorPermissions: guard.current.permissions,
    input: parsed.data,
    context: guard.context,
  });
  if (!result.ok) {
    const field = fieldOfFailure(result.code);
    return field ? { error: errorMessage("INVALID_INPUT"), fieldErrors: { [field]: errorMessage(result.code) } } : { error: errorMessage(result.code) };
  }
  return { activationLink: { url: result.activationLink.url, expiresAt: result.activationLink.expiresAt.toISOString() }, userId: result.userId };
}
