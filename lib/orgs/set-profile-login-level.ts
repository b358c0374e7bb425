// T4 "Session security level required at login" on a profile: none, or High Assurance (MFA at
// every login for its users). A settings change: one event with the before and after.
import type { SessionLevel } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";

export async function setProfileLoginLevel(opts: {
  orgDb: OrgDb;
  orgId: string;
  actor: AdminActor;
  profileId: string;
  level: SessionLevel | null;
  context: RequestContext;
}): Promise<Result> {
  const profile = await opts.orgDb.profile.findUnique({ where: { id: opts.profileId } });
  if (!profile) return fail("PROFILE_NOT_FOUND");
  if (profile.requiredLevelAtLogin === opts.level) return { ok: true };
  return opts.orgDb.$transaction(async (tx) => {
    await tx.profile.update({ where: { id: profile.id }, data: { requiredLevelAtLogin: opts.level } });
    await recordEvent(tx, {
      orgId: opts.orgId,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "SETTINGS_CHANGED",
      status: "SUCCEEDED",
      context: opts.context,
      detail: { profile: profile.name, requiredLevelAtLogin: { from: profile.requiredLevelAtLogin, to: opts.level } },
    });
    return { ok: true as const };
  });
}
