// A8 "New user", W1: created without a password — the admin gets a one-time activation link
// where the user sets their own, so no password an admin has seen ever works. The profile must be
// one of the caller's org. The user, the link and one event commit together.
import type { OrgDb } from "@/lib/db/tenant";
import { issueActivationLink, ACTIVATION_LINK_HOURS_DEFAULT, type IssuedLink } from "@/lib/activation/activation-link";
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";
import type { RequestContext } from "@/lib/activity/record-event";
import type { CreateUserInput } from "./user-schemas";
import type { Permission } from "@db/generated";
import { grantsOnlyHeld } from "./permissions";

export async function createUser(opts: {
  orgDb: OrgDb;
  orgId: string;
  actor: AdminActor;
  /** The caller's own permissions: nobody hands out rights they do not hold. */
  actorPermissions: Set<Permission>;
  input: CreateUserInput;
  context: RequestContext;
  nowMs?: number;
}): Promise<Result<{ userId: string; activationLink: IssuedLink }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const profile = await opts.orgDb.profile.findUnique({ where: { id: opts.input.profileId } });
  if (!profile) return fail("PROFILE_NOT_FOUND");
  if (!grantsOnlyHeld(profile.permissions, opts.actorPermissions)) return fail("PERMISSION_ESCALATION");
  try {
    return await opts.orgDb.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          orgId: opts.orgId,
          username: opts.input.username,
          name: opts.input.name,
          profileId: profile.id,
          extraPermissions: opts.input.extraPermissions,
          passwordHash: "",
        },
      });
      const settings = await tx.orgSettings.findUnique({ where: { orgId: opts.orgId }, select: { activationLinkHours: true } });
      const activationLink = await issueActivationLink(tx, {
        orgId: opts.orgId,
        userId: user.id,
        purpose: "NEW_USER",
        actor: opts.actor,
        validHours: settings?.activationLinkHours ?? ACTIVATION_LINK_HOURS_DEFAULT,
        nowMs,
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
        detail: { profile: profile.name, extraPermissions: opts.input.extraPermissions, activationLinkExpiresAt: activationLink.expiresAt.toISOString() },
      });
      return { ok: true as const, userId: user.id, activationLink };
    });
  } catch (error) {
    // Usernames are unique across all orgs; the message must not say where it is taken (T1).
    if ((error as { code?: string }).code === "P2002") return fail("USERNAME_UNAVAILABLE");
    throw error;
  }
}
