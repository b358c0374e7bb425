// A2: everything Setup > Users shows about one user of the caller's org — profile, status,
// permissions, each method, the temporary code and its uses, recovery codes left, sessions and
// recent verification activity. The tenant-scoped client makes another org's id a plain "not found".
import type { OrgDb } from "@/lib/db/tenant";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";
import { effectivePermissions } from "./permissions";

export const USER_DETAIL_EVENTS = 20;

export async function getUserDetail(orgDb: OrgDb, opts: { userId: string; nowMs?: number }) {
  const nowMs = opts.nowMs ?? Date.now();
  const user = await orgDb.user.findUnique({
    where: { id: opts.userId },
    include: {
      profile: true,
      totpFactors: { where: { verifiedAt: { not: null } }, orderBy: { createdAt: "asc" } },
      webauthnCreds: { orderBy: { createdAt: "asc" } },
      sessions: { where: { revokedAt: null, expiresAt: { gt: new Date(nowMs) } }, orderBy: { lastSeenAt: "desc" } },
    },
  });
  if (!user) return null;
  const [tempCode, recentTempCodes, recoveryCodesLeft, events, pendingReset, activationLink] = await Promise.all([
    orgDb.tempCode.findFirst({
      where: { userId: user.id, ...activeTempCodeWhere(nowMs) },
      orderBy: { createdAt: "desc" },
      include: { uses: { orderBy: { usedAt: "desc" } }, createdBy: { select: { name: true } } },
    }),
    orgDb.tempCode.count({ where: { userId: user.id, createdAt: { gt: new Date(nowMs - 3_600_000) } } }),
    orgDb.recoveryCode.count({ where: { userId: user.id, usedAt: null } }),
    orgDb.verificationEvent.findMany({
      where: { userId: user.id },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: USER_DETAIL_EVENTS,
      include: { actor: { select: { name: true } } },
    }),
    orgDb.mfaResetApproval.findFirst({
      where: { targetUserId: opts.userId, status: "PENDING" },
      include: { requestedBy: { select: { id: true, name: true } } },
    }),
    // W1: the link that would still work (never the token: only its hash is stored).
    orgDb.activationLink.findFirst({
      where: { userId: opts.userId, usedAt: null, revokedAt: null, expiresAt: { gt: new Date(nowMs) } },
      select: { expiresAt: true, purpose: true },
    }),
  ]);
  const { passwordHash: _secret, ...safeUser } = user;
  return {
    user: safeUser,
    permissions: effectivePermissions(user),
    lockedUntil: user.lockedUntil && user.lockedUntil.getTime() > nowMs ? user.lockedUntil : null,
    tempCode,
    tempCodesLastHour: recentTempCodes,
    recoveryCodesLeft,
    events,
    pendingReset,
    /** False until the user sets a password with an activation link (W1). */
    hasPassword: user.passwordHash !== "",
    activationLink,
    /** The instant this was read at: a session's level (High Assurance lapses) is as of then. */
    nowMs,
  };
}

export type UserDetail = NonNullable<Awaited<ReturnType<typeof getUserDetail>>>;
