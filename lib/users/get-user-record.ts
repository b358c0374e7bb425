// A2 for the REST API: a user's profile, status, lock, methods, active temporary code, recovery
// codes left and any request waiting for a second administrator — what GET /users/{id} answers,
// without the console page's sessions, activity and code-use log (half the queries).
import type { OrgDb } from "@/lib/db/tenant";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";

export async function getUserRecord(orgDb: OrgDb, opts: { userId: string; nowMs?: number }) {
  const nowMs = opts.nowMs ?? Date.now();
  const [user, tempCode, recoveryCodesLeft, pendingApproval] = await Promise.all([
    orgDb.user.findUnique({
      where: { id: opts.userId },
      select: {
        id: true,
        username: true,
        name: true,
        isActive: true,
        extraPermissions: true,
        lockedUntil: true,
        lastLoginAt: true,
        createdAt: true,
        profile: { select: { id: true, name: true } },
        totpFactors: { where: { verifiedAt: { not: null } }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, verifiedAt: true, createdAt: true, lastUsedAt: true } },
        webauthnCreds: { orderBy: { createdAt: "asc" }, select: { id: true, name: true, createdAt: true, lastUsedAt: true } },
      },
    }),
    orgDb.tempCode.findFirst({ where: { userId: opts.userId, ...activeTempCodeWhere(nowMs) }, orderBy: { createdAt: "desc" }, select: { expiresAt: true, useCount: true, maxUses: true } }),
    orgDb.recoveryCode.count({ where: { userId: opts.userId, usedAt: null } }),
    orgDb.mfaResetApproval.findFirst({ where: { targetUserId: opts.userId, status: "PENDING" }, select: { id: true, action: true, createdAt: true } }),
  ]);
  if (!user) return null;
  return { user, lockedUntil: user.lockedUntil && user.lockedUntil.getTime() > nowMs ? user.lockedUntil : null, tempCode, recoveryCodesLeft, pendingApproval };
}

export type UserRecord = NonNullable<Awaited<ReturnType<typeof getUserRecord>>>;
