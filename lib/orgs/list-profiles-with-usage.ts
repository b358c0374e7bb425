// Setup > Profiles (SPEC T4): each profile's permissions, its login requirement, how many users
// hold it, and whether any of them is Api Only (those cannot step up: High Assurance at login
// would lock out their integrations).
import type { OrgDb } from "@/lib/db/tenant";

export async function listProfilesWithUsage(orgDb: OrgDb) {
  const profiles = await orgDb.profile.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { users: true } } } });
  const apiOnly = await orgDb.user.groupBy({ by: ["profileId"], where: { extraPermissions: { has: "API_ONLY" } }, _count: { _all: true } });
  const apiOnlyByProfile = new Map(apiOnly.map((r) => [r.profileId, r._count._all]));
  return profiles.map((p) => ({
    id: p.id,
    name: p.name,
    permissions: p.permissions,
    requiredLevelAtLogin: p.requiredLevelAtLogin,
    users: p._count.users,
    holdsApiOnlyUsers: p.permissions.includes("API_ONLY") ? p._count.users > 0 : (apiOnlyByProfile.get(p.id) ?? 0) > 0,
  }));
}
