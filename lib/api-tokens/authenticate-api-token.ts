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
  const token = await findToken(db, hash);
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

interface TokenRow {
  id: string;
  orgId: string;
  name: string;
  permissions: Permission[];
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  actingUser: { id: string; username: string; name: string; isActive: boolean; extraPermissions: Permission[]; profile: { permissions: Permission[] } };
}

/** Exported for bench/api.ts, which prints its plan. $1 is the token's hash, bound, never spliced. */
export const TOKEN_LOOKUP_SQL = `
    SELECT t.id, t.org_id, t.name, COALESCE(t.permissions, '{}')::text[] AS permissions, t.last_used_at, t.expires_at, t.revoked_at,
           u.id AS user_id, u.username, u.name AS user_name, u.is_active, COALESCE(u.extra_permissions, '{}')::text[] AS extra_permissions,
           COALESCE(p.permissions, '{}')::text[] AS profile_permissions
    FROM api_tokens t
    JOIN users u ON u.org_id = t.org_id AND u.id = t.acting_user_id
    JOIN profiles p ON p.id = u.profile_id
    WHERE t.token_hash = $1`;

/**
 * The token, its acting user and that user's profile in one statement, on every call: the typed
 * client's include would make it three round trips (Prisma loads each relation apart), a fifth
 * of an API call's work. A list column may hold NULL (Prisma reads it as []), hence the COALESCE. The lookup is the unique index on token_hash (bench/api.ts prints the plan).
 */
async function findToken(db: Db, tokenHash: string): Promise<TokenRow | null> {
  const rows = await db.$queryRawUnsafe<
    { id: string; org_id: string; name: string; permissions: Permission[]; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null; user_id: string; username: string; user_name: string; is_active: boolean; extra_permissions: Permission[]; profile_permissions: Permission[] }[]
  >(TOKEN_LOOKUP_SQL, tokenHash);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    permissions: r.permissions,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    actingUser: { id: r.user_id, username: r.username, name: r.user_name, isActive: r.is_active, extraPermissions: r.extra_permissions, profile: { permissions: r.profile_permissions } },
  };
}
