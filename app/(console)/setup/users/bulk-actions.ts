"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { BULK_ACTIONS, BULK_ACTIONS_WITH_REASON, BULK_MAX_USERS, bulkUserAction, type BulkResult } from "@/lib/users/bulk-user-action";
import { plainText } from "@/lib/api/text";

export interface BulkState {
  error?: string;
  results?: BulkResult[];
}

const schema = z.object({
  action: z.enum(BULK_ACTIONS),
  userIds: z.array(z.uuid()).min(1, "Select at least one user.").max(BULK_MAX_USERS, `Select at most ${BULK_MAX_USERS} users.`),
  reason: z
    .string()
    .trim()
    .max(500, "Keep the reason under 500 characters.")
    .refine(...plainText("reason", { multiline: true })),
});

export async function bulkAction(_prev: BulkState, formData: FormData): Promise<BulkState> {
  const parsed = schema.safeParse({ action: formData.get("action"), userIds: formData.getAll("userIds"), reason: formData.get("reason") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const { action, userIds, reason } = parsed.data;
  if (BULK_ACTIONS_WITH_REASON.includes(action) && !reason) return { error: "Enter a reason: it is kept in the verification history." };
  // Bulk actions need High Assurance (L10); the step-up returns to the list.
  const guard = await guardAdminAction({ action: `bulk.${action}`, returnTo: "/setup/users" });
  if (!guard.ok) return { error: guard.error };
  const results = await bulkUserAction({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actor: { id: guard.current.user.id },
    action,
    userIds,
    reason,
    context: guard.context,
  });
  revalidatePath("/setup/users");
  return { results };
}
