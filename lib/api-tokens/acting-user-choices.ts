// Whom a new token may act as (SPEC P1, T3): the org's active Api Only users — integration
// accounts that cannot log in to the console, so the token is the only way to be them.
import type { OrgDb } from "@/lib/db/tenant";
import { effectivePermissions } from "@/lib/users/permissions";

export const ACTING_USER_CHOICES_MAX = 200;

export async function listActingUserChoices(orgDb: OrgDb) {
  const users = await orgDb.user.findMany({
    where: { isActive: true, OR: [{ extraPermissions: { has: "API_ONLY" } }, { profile: { permissions: { has: "API_ONLY" } } }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: ACTING_USER_CHOICES_MAX,
    select: { id: true, name: true, username: true, extraPermissions: true, profile: { select: { permissions: true } } },
  });
  return users.map((u) => ({ id: u.id, name: u.name, username: u.username, permissions: [...effectivePermissions(u)] }));
}
export type ActingUserChoice = Awaited<ReturnType<typeof listActingUserChoices>>[number];
