// Setup > API Tokens: every token of the org, newest first — never the token itself, only its
// first characters — with who it acts as, its scopes, when it was last used and when it expires.
import type { OrgDb } from "@/lib/db/tenant";

export const API_TOKENS_LISTED = 200;

export type ApiTokenState = "active" | "revoked" | "expired" | "user-inactive";

export async function listApiTokens(orgDb: OrgDb, opts: { nowMs?: number } = {}) {
  const nowMs = opts.nowMs ?? Date.now();
  const rows = await orgDb.apiToken.findMany({
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
  return rows.map((t) => ({ ...t, state: stateOf(t, nowMs) }));
}

function stateOf(t: { revokedAt: Date | null; expiresAt: Date | null; actingUser: { isActive: boolean } }, nowMs: number): ApiTokenState {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && t.expiresAt.getTime() <= nowMs) return "expired";
  return t.actingUser.isActive ? "active" : "user-inactive";
}
export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
