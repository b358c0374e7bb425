// Who is calling the REST API (SPEC P1, L11): the bearer token, looked up by its SHA-256 (one
// indexed read), must be neither revoked nor expired, and the user it acts as must be active. What
// the call may do is the token's scopes ∩ that user's permissions now — so taking a permission
// from the user takes it from the token at once. API calls are never asked for MFA or step-up.
import type { Permission } from "@db/generated";
import type { Db } from "@/lib/db/client";
import { fail, type Result } from "@/lib/errors";
import { effectivePermissions } from "@/lib/users/permissions";
import { LAST_SEEN_WRITE_INTERVAL_SECONDS } from "@/lib/config";
import { apiTokenHash } from "./token-format";

export interface ApiCaller {
  tokenId: string;
  tokenName: string;
  orgId: string;
  actingUser: { id: string; username: string; name: string };
  /** Scopes ∩ the acting user's permissions. */
  permissions: Set<Permission>;
  scopes: Permission[];
}

/** The token from `Authorization: Bearer <token>`, or "" when the header is missing or not bearer. */
export function bearerToken(header: string | null): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? "";
}

export async function authenticateApiToken(db: Db, opts: { presented: string; nowMs?: number }): Promise<Result<{ caller: ApiCaller }>> {
  const nowMs = opts.nowMs ?? Date.now();
  if (!opts.presented) return fail("API_TOKEN_MISSING");
  const hash = apiTokenHash(opts.presented);
  if (!hash) return fail("API_TOKEN_INVALID");
  const token = await db.apiToken.findUnique({ where: { tokenHash: hash }, include: { actingUser: { include: { profile: true } } } });
  if (!token) return fail("API_TOKEN_INVALID");
  if (token.revokedAt) return fail("API_TOKEN_REVOKED");
  if (token.expiresAt && token.expiresAt.getTime() <= nowMs) return fail("API_TOKEN_EXPIRED");
  if (!token.actingUser.isActive) return fail("API_TOKEN_USER_INACTIVE");
  // Last used is written at most once a minute per token, not on every call.
  if (!token.lastUsedAt || nowMs - token.lastUsedAt.getTime() > LAST_SEEN_WRITE_INTERVAL_SECONDS * 1000) {
    const stale = new Date(nowMs - LAST_SEEN_WRITE_INTERVAL_SECONDS * 1000);
    await db.apiToken.updateMany({ where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] }, data: { lastUsedAt: new Date(nowMs) } });
  }
  const held = effectivePermissions(token.actingUser);
  return {
    ok: true,
    caller: {
      tokenId: token.id,
      tokenName: token.name,
      orgId: token.orgId,
      actingUser: { id: token.actingUser.id, username: token.actingUser.username, name: token.actingUser.name },
      permissions: new Set(token.permissions.filter((p) => held.has(p))),
      scopes: token.permissions,
    },
  };
}
