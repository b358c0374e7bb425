// Setup > API Tokens: every token of the org, newest first — never the token itself, only its
// first characters — with who it acts as, its scopes, when it was last used and when it expires.
import type { OrgDb } from "@/lib/db/tenant";

export const API_TOKENS_LISTED = 200;

export function listApiTokens(orgDb: OrgDb) {
  return orgDb.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    take: API_TOKENS_LISTED,
    select: {
      id: true,
      name: true,
      prefix: true,
      permissions: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      actingUser: { select: { id: true, name: true, username: true, isActive: true } },
      createdBy: { select: { name: true } },
    },
  });
}
export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
