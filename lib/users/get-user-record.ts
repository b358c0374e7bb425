// A2 for the REST API: a user's profile, status, lock, methods, active temporary code, recovery
// codes left and any request waiting for a second administrator — what GET /users/{id} answers,
// without the console page's sessions, activity and code-use log.
//
// One statement, the only read of a GET /users/{id} besides the token's: the typed client loads
// each relation and count apart (seven round trips, half the call's CPU in bench/api.ts). Raw SQL
// is not tenant-scoped by lib/db/tenant, so the org is a condition here, bound like the id.
import { Prisma } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import type { ApprovalAction, Permission } from "@db/generated";
import { activeTempCodeSql } from "@/lib/mfa/temp-codes/active-temp-code";

interface Row {
  id: string;
  username: string;
  name: string;
  is_active: boolean;
  extra_permissions: Permission[];
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  profile_id: string;
  profile_name: string;
  totp: { id: string; name: string; verifiedAt: string | null; createdAt: string; lastUsedAt: string | null }[];
  webauthn: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
  temp_code: { expiresAt: string; useCount: number; maxUses: number | null } | null;
  recovery_left: number;
  approval: { id: string; action: ApprovalAction; createdAt: string } | null;
}

const date = (iso: string) => new Date(iso);
const maybeDate = (iso: string | null) => (iso === null ? null : new Date(iso));

export async function getUserRecord(orgDb: OrgDb, opts: { orgId: string; userId: string; nowMs?: number }) {
  const nowMs = opts.nowMs ?? Date.now();
  const rows = await orgDb.$queryRaw<Row[]>(Prisma.sql`/* prepared */
    SELECT u.id, u.username, u.name, u.is_active, COALESCE(u.extra_permissions, '{}')::text[] AS extra_permissions,
           u.locked_until, u.last_login_at, u.created_at, p.id AS profile_id, p.name AS profile_name,
           (SELECT COALESCE(json_agg(json_build_object('id', f.id, 'name', f.name, 'verifiedAt', f.verified_at, 'createdAt', f.created_at, 'lastUsedAt', f.last_used_at) ORDER BY f.created_at), '[]')
              FROM totp_factors f WHERE f.org_id = u.org_id AND f.user_id = u.id AND f.verified_at IS NOT NULL) AS totp,
           (SELECT COALESCE(json_agg(json_build_object('id', w.id, 'name', w.name, 'createdAt', w.created_at, 'lastUsedAt', w.last_used_at) ORDER BY w.created_at), '[]')
              FROM webauthn_credentials w WHERE w.org_id = u.org_id AND w.user_id = u.id) AS webauthn,
           (SELECT json_build_object('expiresAt', c.expires_at, 'useCount', c.use_count, 'maxUses', c.max_uses)
              FROM temp_codes c WHERE c.org_id = u.org_id AND c.user_id = u.id AND ${activeTempCodeSql("c", nowMs)}
              ORDER BY c.created_at DESC LIMIT 1) AS temp_code,
           (SELECT count(*)::int FROM recovery_codes r WHERE r.org_id = u.org_id AND r.user_id = u.id AND r.used_at IS NULL) AS recovery_left,
           (SELECT json_build_object('id', a.id, 'action', a.action, 'createdAt', a.created_at)
              FROM mfa_reset_approvals a WHERE a.org_id = u.org_id AND a.target_user_id = u.id AND a.status = 'PENDING'
              ORDER BY a.created_at DESC LIMIT 1) AS approval
    FROM users u JOIN profiles p ON p.id = u.profile_id
    WHERE u.org_id = ${opts.orgId}::uuid AND u.id = ${opts.userId}::uuid`);
  const r = rows[0];
  if (!r) return null;
  const user = {
    id: r.id,
    username: r.username,
    name: r.name,
    isActive: r.is_active,
    extraPermissions: r.extra_permissions,
    lockedUntil: r.locked_until,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    profile: { id: r.profile_id, name: r.profile_name },
    totpFactors: r.totp.map((f) => ({
      id: f.id,
      name: f.name,
      verifiedAt: maybeDate(f.verifiedAt),
      createdAt: date(f.createdAt),
      lastUsedAt: maybeDate(f.lastUsedAt),
    })),
    webauthnCreds: r.webauthn.map((w) => ({ id: w.id, name: w.name, createdAt: date(w.createdAt), lastUsedAt: maybeDate(w.lastUsedAt) })),
  };
  const tempCode = r.temp_code && { expiresAt: date(r.temp_code.expiresAt), useCount: r.temp_code.useCount, maxUses: r.temp_code.maxUses };
  const pendingApproval = r.approval && { id: r.approval.id, action: r.approval.action, createdAt: date(r.approval.createdAt) };
  return {
    user,
    lockedUntil: user.lockedUntil && user.lockedUntil.getTime() > nowMs ? user.lockedUntil : null,
    tempCode,
    recoveryCodesLeft: r.recovery_left,
    pendingApproval,
  };
}

export type UserRecord = NonNullable<Awaited<ReturnType<typeof getUserRecord>>>;
