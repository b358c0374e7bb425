// A8 "Edit": name, profile and extra permissions. The event lists what changed (never secrets).
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { loadTarget, type AdminActionOptions } from "@/lib/mfa/admin/admin-action";
import type { UserFields } from "./user-schemas";
import type { Permission } from "@db/generated";
import { grantsOnlyHeld } from "./permissions";
import { holdsAdministration } from "@/lib/policy/second-admin-approval";
import { lockUserRow } from "@/lib/db/lock-user";

export async function updateUser(opts: AdminActionOptions & { orgDb: OrgDb; input: UserFields; actorPermissions: Set<Permission> }): Promise<Result> {
  const loaded = await loadTarget({ ...opts, actor: { id: null } }); // editing oneself is allowed
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  const profile = await opts.orgDb.profile.findUnique({ where: { id: opts.input.profileId } });
  if (!profile) return fail("PROFILE_NOT_FOUND");
  // Neither grant rights the caller does not hold, nor change the profile of someone who holds more.
  if (
    profile.id !== target.profileId &&
    (!grantsOnlyHeld(profile.permissions, opts.actorPermissions) || !grantsOnlyHeld(target.profile.permissions, opts.actorPermissions))
  ) {
    return fail("PERMISSION_ESCALATION");
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (target.name !== opts.input.name) changes.name = { from: target.name, to: opts.input.name };
  if (target.profileId !== profile.id) changes.profile = { from: target.profile.name, to: profile.name };
  const extrasBefore = [...target.extraPermissions].sort();
  const extrasAfter = [...opts.input.extraPermissions].sort();
  if (extrasBefore.join() !== extrasAfter.join()) changes.extraPermissions = { from: extrasBefore, to: extrasAfter };
  if (Object.keys(changes).length === 0) return { ok: true };
  // Admins may fix their own name, not raise or lower their own rights.
  if (opts.actor.id === target.id && (changes.profile || changes.extraPermissions)) return fail("SELF_ACTION");
  // B3: losing administration is remembered, so for a while the user's factors stay behind the
  // second-administrator approval (lib/policy/second-admin-approval.ts).
  const losesAdministration = holdsAdministration(target) && !holdsAdministration({ profile, extraPermissions: opts.input.extraPermissions });
  return opts.orgDb.$transaction(async (tx) => {
    await lockUserRow(tx, target);
    await tx.user.update({
      where: { id: target.id },
      data: {
        name: opts.input.name,
        profileId: profile.id,
        extraPermissions: opts.input.extraPermissions,
        ...(losesAdministration ? { adminRightsRemovedAt: new Date(opts.nowMs ?? Date.now()) } : {}),
      },
    });
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: target.id,
      username: target.username,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "USER_UPDATED",
      status: "SUCCEEDED",
      context: opts.context,
      detail: JSON.parse(JSON.stringify(changes)),
    });
    return { ok: true as const };
  });
}
