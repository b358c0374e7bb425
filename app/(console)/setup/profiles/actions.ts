"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { setProfileLoginLevel } from "@/lib/orgs/set-profile-login-level";
import { idSchema } from "@/lib/api/schemas";
import { errorMessage } from "@/lib/errors";
import type { ActionState } from "@/components/console/confirm-action";

const schema = z.object({ profileId: idSchema, level: z.enum(["NONE", "HIGH_ASSURANCE"]) });

export async function setProfileLevelAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: errorMessage("INVALID_INPUT") };
  const guard = await guardAdminAction({ action: "profile.set-login-level", returnTo: "/setup/profiles" });
  if (!guard.ok) return guard;
  const result = await setProfileLoginLevel({
    orgDb: guard.current.orgDb,
    orgId: guard.current.user.orgId,
    actor: { id: guard.current.user.id },
    profileId: parsed.data.profileId,
    level: parsed.data.level === "NONE" ? null : "HIGH_ASSURANCE",
    context: guard.context,
  });
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath("/setup/profiles");
  return { ok: true };
}
