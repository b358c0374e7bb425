// The caller's org's profiles, for filters and assignment.
import type { OrgDb } from "@/lib/db/tenant";

export function listProfiles(orgDb: OrgDb) {
  return orgDb.profile.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, permissions: true, requiredLevelAtLogin: true } });
}
