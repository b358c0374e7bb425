// Whether a user has a usable temporary verification code right now (SPEC L2, L6, B2).
import type { Prisma, TempCode } from "@db/generated";

// Structural, so both the plain client and a tenant-scoped one (lib/db/tenant) fit.
type Reader = { tempCode: { findMany(args: Prisma.TempCodeFindManyArgs): Promise<TempCode[]> } };

export function activeTempCodeWhere(userId: string, nowMs: number): Prisma.TempCodeWhereInput {
  return { userId, expiredAt: null, expiresAt: { gt: new Date(nowMs) } };
}

export async function findActiveTempCode(db: Reader, opts: { userId: string; nowMs: number }) {
  const codes = await db.tempCode.findMany({
    where: activeTempCodeWhere(opts.userId, opts.nowMs),
    orderBy: { createdAt: "desc" },
    take: 1,
  });
  const code = codes[0];
  if (!code) return null;
  // A code that reached its maximum uses is spent even before its expiry time.
  if (code.maxUses !== null && code.useCount >= code.maxUses) return null;
  return code;
}
