// Who is calling the REST API (SPEC P1, L11): the bearer token, looked up by its SHA-256 (one
// indexed read), must be neither revoked nor expired, and the user it acts as must be active. What
// the call may do is the token's scopes ∩ that user's permissions now — so taking a permission
// from the user takes it from the token at once. API calls are never asked for MFA or step-up.
import type { Permission } from "@db/generated";
import type { Db } from "@/lib/db/client";
import { fail, type Result } from "@/lib/errors";
import { effectivePermissions } from "@/lib/users/permissions";
import { LAST_SEEN_WRITE_INTERVAL_SECONDS } from "@/lib/config";
import { counterSlot, settleHit, type RateLimitHit } from "@/lib/security/rate-limit";
import { PREPARED } from "@/lib/db/prepared-statements";
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

/**
 * The caller, and the per-token throttle's verdict on this call (SPEC L13: API_CALLS_PER_TOKEN,
 * counted under the token's hash). Only a usable token's call is counted.
 */
export async function authenticateApiToken(db: Db, opts: { presented: string; nowMs?: number }): Promise<Result<{ caller: ApiCaller; limit: RateLimitHit }>> {
  const nowMs = opts.nowMs ?? Date.now();
  if (!opts.presented) return fail("API_TOKEN_MISSING");
  const hash = apiTokenHash(opts.presented);
  if (!hash) return fail("API_TOKEN_INVALID");
  const slot = counterSlot("API_CALLS_PER_TOKEN", hash, nowMs);
  const token = await findToken(db, hash, slot, nowMs);
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
  // The counter was bumped by the lookup itself whenever the checks above pass (same conditions in SQL).
  const limit = await settleHit(db, { limit: "API_CALLS_PER_TOKEN", key: slot.key, windowStart: slot.windowStart, hits: token.hits ?? 1, nowMs });
  return {
    ok: true,
    limit,
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
  /** The throttle's count for this window after this call; null when the token was not usable. */
  hits: number | null;
}

/**
 * Exported for bench/api.ts, which prints its plan. $1 is the token's hash, bound, never spliced;
 * $2–$4 the throttle's counter key and window (lib/security/rate-limit.ts), $5 now.
 */
export const TOKEN_LOOKUP_SQL = `${PREPARED}
    WITH tok AS (
      SELECT t.id, t.org_id, t.name, COALESCE(t.permissions, '{}')::text[] AS permissions, t.last_used_at, t.expires_at, t.revoked_at,
             u.id AS user_id, u.username, u.name AS user_name, u.is_active, COALESCE(u.extra_permissions, '{}')::text[] AS extra_permissions,
             COALESCE(p.permissions, '{}')::text[] AS profile_permissions
      FROM api_tokens t
      JOIN users u ON u.org_id = t.org_id AND u.id = t.acting_user_id
      JOIN profiles p ON p.id = u.profile_id
      WHERE t.token_hash = $1
    ), hit AS (
      INSERT INTO rate_limit_counters (key, window_start, hits, expires_at)
      SELECT $2, $3::timestamptz, 1, $4::timestamptz FROM tok
      WHERE tok.revoked_at IS NULL AND (tok.expires_at IS NULL OR tok.expires_at > $5::timestamptz) AND tok.is_active
      ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
      RETURNING hits
    )
    SELECT tok.*, (SELECT hits FROM hit) AS hits FROM tok`;

/**
 * The token, its acting user and that user's profile, and the throttle's count, in one statement
 * on every call: the typed client's include would make it three round trips (Prisma loads each
 * relation apart) and the throttle a fourth — together a quarter of a read call's work. A list
 * column may hold NULL (Prisma reads it as []), hence the COALESCE. The lookup is the unique
 * index on token_hash (bench/api.ts prints the plan).
 */
async function findToken(db: Db, tokenHash: string, slot: { key: string; windowStart: Date; windowEnd: Date }, nowMs: number): Promise<TokenRow | null> {
  const rows = await db.$queryRawUnsafe<
    {
      id: string;
      org_id: string;
      name: string;
      permissions: Permission[];
      last_used_at: Date | null;
      expires_at: Date | null;
      revoked_at: Date | null;
      user_id: string;
      username: string;
      user_name: string;
      is_active: boolean;
      extra_permissions: Permission[];
      profile_permissions: Permission[];
      hits: number | null;
    }[]
  >(TOKEN_LOOKUP_SQL, tokenHash, slot.key, slot.windowStart, slot.windowEnd, new Date(nowMs));
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
    actingUser: {
      id: r.user_id,
      username: r.username,
      name: r.user_name,
      isActive: r.is_active,
      extraPermissions: r.extra_permissions,
      profile: { permissions: r.profile_permissions },
    },
    hits: r.hits,
  };
}
