"use server";
// Setup > API Tokens: create (High Assurance, L10) and revoke. Guard → zod → one lib call.
import { revalidatePath } from "next/cache";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { createApiTokenSchema } from "@/lib/api-tokens/api-token-schemas";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { idSchema } from "@/lib/api/schemas";
import { errorMessage } from "@/lib/errors";
import { firstFieldErrors } from "@/lib/api/first-field-errors";
import type { ActionState } from "@/components/console/confirm-action";
import type { ApiTokenFormState } from "@/components/console/api-token-form";

export async function createApiTokenAction(_prev: ApiTokenFormState, formData: FormData): Promise<ApiTokenFormState> {
  const values = {
    name: String(formData.get("name") ?? ""),
    actingUserId: String(formData.get("actingUserId") ?? ""),
    scopes: formData.getAll("scopes").map(String),
    expiresInDays: String(formData.get("expiresInDays") ?? ""),
  };
  const guard = await guardAdminAction({ action: "api-tokens.create", returnTo: "/setup/api-tokens/new" });
  if (!guard.ok) return { values, error: guard.error };
  const parsed = createApiTokenSchema.safeParse(values);
  if (!parsed.success) {
    return { values, fieldErrors: firstFieldErrors(parsed.error) };
  }
  const result = await createApiToken({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actor: { id: guard.current.user.id },
    actorPermissions: guard.current.permissions,
    input: parsed.data,
    context: guard.context,
  });
  if (!result.ok) return { values, error: errorMessage(result.code) };
  revalidatePath("/setup/api-tokens");
  return { token: result.token, name: parsed.data.name };
}

export async function revokeApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const tokenId = idSchema.safeParse(formData.get("tokenId"));
  if (!tokenId.success) return { error: errorMessage("NOT_FOUND") };
  const guard = await guardAdminAction({ action: "api-tokens.revoke", returnTo: "/setup/api-tokens" });
  if (!guard.ok) return guard;
  const result = await revokeApiToken({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actor: { id: guard.current.user.id },
    tokenId: tokenId.data,
    context: guard.context,
  });
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath("/setup/api-tokens");
  return { ok: true };
}
