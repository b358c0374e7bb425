// A8 "New user": created with an initial password shown once to the admin (only its argon2id
// hash is stored). The profile must be one of the caller's org. One event, same transaction.
import { randomBytes } from "node:crypto";
import type { OrgDb } from "@/lib/db/tenant";
import { hashPassword } from "@/lib/auth/password";
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";
import type { RequestContext } from "@/lib/activity/record-event";
import type { CreateUserInput } from "./user-schemas";
import type { Permission } from "@db/generated";
import { grantsOnlyHeld } from "./permissions";

/** 18 random bytes → 24 base64url characters (144 bits). */
function newInitialPassword(): string {
  return randomBytes(18).toString("base64url");
}

export async function createUser(opts: {
  orgDb: OrgDb;
  orgId: string;
  actor: AdminActor;
  /** The caller's own permissions: nobody hands out rights they do not hold. */
  actorPermissions: Set<Permission>;
  input: CreateUserInput;
  context: RequestContext;
}): Promise<Result<{ userId: string; initialPassword: string }>> {
  const profile = await opts.orgDb.profile.findUnique({ where: { id: opts.input.profileId } });
  if (!profile) return fail("PROFILE_NOT_FOUND");
  if (!grantsOnlyHeld(profile.permissions, opts.actorPermissions)) return fail("PERMISSION_ESCALATION");
  const initialPassword = newInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  try {
    return await opts.orgDb.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          orgId: opts.orgId,
          username: opts.input.username,
          name: opts.input.name,
          profileId: profile.id,
          extraPermissions: opts.input.extraPermissions,
          passwordHash,
        },
      });
      await recordEvent(tx, {
        orgId: opts.orgId,
        userId: user.id,
        username: user.username,
        actorId: opts.actor.id,
        actorLabel: opts.actor.label ?? null,
        activity: "USER_CREATED",
        status: "SUCCEEDED",
        context: opts.context,
        detail: { profile: profile.name, extraPermissions: opts.input.extraPermissions },
      });
      return { ok: true as const, userId: user.id, initialPassword };
    });
  } catch (error) {
    // Usernames are unique across all orgs; the message must not say where it is taken (T1).
    if ((error as { code?: string }).code === "P2002") return fail("USERNAME_UNAVAILABLE");
    throw error;
  }
}
