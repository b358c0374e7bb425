// A login's session row, and the user's last login, written by the transaction that completes
// the login (issue 11) — so a "Login · Succeeded" event never exists without its session, which
// the ticket exchange in a second transaction allowed when Postgres went away between the two
// (bench/load.ts saw it in a restart), and a login costs one transaction less. The ticket
// exchange (./session.ts, createSessionFromTicket) stays for logins that finish in the browser
// (a security key, the first recovery codes after enrollment) and writes the same row.
import type { OrgSettings, VerificationMethod } from "@db/generated";
import type { AnyTx } from "@/lib/db/tenant";
import type { RequestContext } from "@/lib/activity/record-event";
import { randomToken, sha256Hex } from "@/lib/security/tokens";
import { effectivePermissions } from "@/lib/users/permissions";
import { sessionLevelFor } from "./mfa-policy";

export interface OpenedSession {
  /** The cookie's secret: only its hash is stored. */
  token: string;
  userId: string;
  /** For the start page (lib/next/landing-path.ts). */
  permissions: ReturnType<typeof effectivePermissions>;
}

/**
 * The session of a login whose pending row this transaction just spent, or null when the user
 * was deactivated meanwhile (the caller rolls back). The caller holds the user row lock.
 */
export async function openSession(
  tx: AnyTx,
  opts: {
    user: { id: string; orgId: string };
    method: VerificationMethod;
    settings: Pick<OrgSettings, "highAssuranceMethods" | "highAssuranceMinutes" | "sessionAbsoluteHours">;
    context: RequestContext;
    nowMs: number;
  },
): Promise<OpenedSession | null> {
  const now = new Date(opts.nowMs);
  const user = await tx.user.update({
    where: { id: opts.user.id },
    data: { lastLoginAt: now },
    select: { isActive: true, extraPermissions: true, profile: { select: { permissions: true } } },
  });
  if (!user.isActive) return null;
  const level = sessionLevelFor(opts.method, opts.settings);
  const token = randomToken();
  await tx.session.create({
    data: {
      orgId: opts.user.orgId,
      userId: opts.user.id,
      tokenHash: sha256Hex(token),
      level,
      loginMethod: opts.method,
      highAssuranceUntil: level === "HIGH_ASSURANCE" ? new Date(opts.nowMs + opts.settings.highAssuranceMinutes * 60_000) : null,
      ip: opts.context.ip,
      userAgent: opts.context.userAgent,
      expiresAt: new Date(opts.nowMs + opts.settings.sessionAbsoluteHours * 3_600_000),
      createdAt: now,
      lastSeenAt: now,
    },
    select: { id: true },
  });
  return { token, userId: opts.user.id, permissions: effectivePermissions(user) };
}
