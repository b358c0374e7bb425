// Whether a user has a usable temporary verification code right now (SPEC L2, L6, B2).
import { Prisma, type TempCode } from "@db/generated";

// Structural, so both the plain client and a tenant-scoped one (lib/db/tenant) fit.
type Reader = { tempCode: { findMany(args: Prisma.TempCodeFindManyArgs): Promise<TempCode[]> } };

/**
 * A code is active until its expiry, an admin's Expire Now, or its last allowed use — the last
 * two set expired_at, so "active" is a plain column test that indexes and counts can use.
 */
export function activeTempCodeWhere(nowMs: number): Prisma.TempCodeWhereInput {
  return { expiredAt: null, expiresAt: { gt: new Date(nowMs) } };
}

/** The same test in SQL, on temp_codes aliased `alias`, for the raw queries of hot paths. */
export function activeTempCodeSql(alias: string, nowMs: number): Prisma.Sql {
  const table = Prisma.raw(alias);
  return Prisma.sql`${table}.expired_at IS NULL AND ${table}.expires_at > ${new Date(nowMs)}`;
}

export async function findActiveTempCode(db: Reader, opts: { userId: string; nowMs: number }) {
  const codes = await db.tempCode.findMany({
    where: { userId: opts.userId, ...activeTempCodeWhere(opts.nowMs) },
    orderBy: { createdAt: "desc" },
    take: 1,
  });
  const code = codes[0];
  if (!code) return null;
  // Belt and braces: a code at its maximum uses is spent even if expired_at was not set.
  if (code.maxUses !== null && code.useCount >= code.maxUses) return null;
  return code;
}
