// The history's user type-ahead: up to 10 users of the caller's org whose name or username
// contains what was typed (served by the trigram indexes). Deactivated users are included on
// purpose: support often investigates exactly them.
import type { OrgDb } from "@/lib/db/tenant";
import { likeLiteral } from "@/lib/db/like";

export const USER_SUGGESTIONS_LIMIT = 10;

export interface UserSuggestion {
  id: string;
  name: string;
  username: string;
}

export async function suggestUsers(orgDb: OrgDb, opts: { query: string }): Promise<UserSuggestion[]> {
  const text = opts.query.trim();
  if (!text) return [];
  const q = likeLiteral(text);
  return orgDb.user.findMany({
    where: { OR: [{ name: { contains: q, mode: "insensitive" } }, { username: { contains: q, mode: "insensitive" } }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: USER_SUGGESTIONS_LIMIT,
    select: { id: true, name: true, username: true },
  });
}

/** The name shown in the filter for a user id from the URL; null for an id outside the org. */
export async function getUserSuggestion(orgDb: OrgDb, opts: { userId: string }): Promise<UserSuggestion | null> {
  return orgDb.user.findFirst({ where: { id: opts.userId }, select: { id: true, name: true, username: true } });
}
