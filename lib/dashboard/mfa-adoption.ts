// Setup home (SPEC V5): how many active users of the org can verify, and with what. A user with
// both an app and a key counts under each, so the method shares do not add up to 100 %; "none"
// means no authenticator app and no security key (recovery codes alone are a fallback, not a
// method a user logs in with every day), the same rule as the users list's "No method" filter.
//
// One statement that reads the org's users once, hash-joined with the users who hold each kind of
// method: seven counts each scanning users cost 150–207 ms a view at 100,000 users (issue 11).
// Raw SQL is not rewritten by forOrg (docs/decisions/003), so every table filters on org_id here;
// tests/integration/dashboard.test.ts proves no other org is counted. The page also caches the
// figures per org for a minute (./dashboard-cache.ts).
import type { OrgDb } from "@/lib/db/tenant";
import { activeTempCodeSql } from "@/lib/mfa/temp-codes/active-temp-code";
import { Prisma } from "@db/generated";

export interface MfaAdoption {
  activeUsers: number;
  totp: number;
  webauthn: number;
  recoveryCodes: number;
  none: number;
  tempCodesActive: number;
  lockedUsers: number;
}

export async function getMfaAdoption(orgDb: OrgDb, opts: { orgId: string; nowMs?: number }): Promise<MfaAdoption> {
  const nowMs = opts.nowMs ?? Date.now();
  const org = Prisma.sql`${opts.orgId}::uuid`;
  const [row] = await orgDb.$queryRaw<Record<keyof MfaAdoption, number>[]>`
    SELECT count(*) FILTER (WHERE u.is_active)::int AS "activeUsers",
           count(*) FILTER (WHERE u.is_active AND t.user_id IS NOT NULL)::int AS "totp",
           count(*) FILTER (WHERE u.is_active AND w.user_id IS NOT NULL)::int AS "webauthn",
           count(*) FILTER (WHERE u.is_active AND r.user_id IS NOT NULL)::int AS "recoveryCodes",
           count(*) FILTER (WHERE u.is_active AND t.user_id IS NULL AND w.user_id IS NULL)::int AS "none",
           count(*) FILTER (WHERE u.locked_until > ${new Date(nowMs)})::int AS "lockedUsers",
           (SELECT count(*)::int FROM temp_codes c WHERE c.org_id = ${org} AND ${activeTempCodeSql("c", nowMs)}) AS "tempCodesActive"
      FROM users u
      LEFT JOIN (SELECT DISTINCT user_id FROM totp_factors WHERE org_id = ${org} AND verified_at IS NOT NULL) t ON t.user_id = u.id
      LEFT JOIN (SELECT DISTINCT user_id FROM webauthn_credentials WHERE org_id = ${org}) w ON w.user_id = u.id
      LEFT JOIN (SELECT DISTINCT user_id FROM recovery_codes WHERE org_id = ${org} AND used_at IS NULL) r ON r.user_id = u.id
     WHERE u.org_id = ${org}`;
  return {
    activeUsers: row!.activeUsers,
    totp: row!.totp,
    webauthn: row!.webauthn,
    recoveryCodes: row!.recoveryCodes,
    none: row!.none,
    tempCodesActive: row!.tempCodesActive,
    lockedUsers: row!.lockedUsers,
  };
}
