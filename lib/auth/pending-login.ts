// The pending login (SPEC L12): a Postgres row, bound to the browser by a random cookie value
// whose hash is the row's key. It grants nothing until a method is verified, and dies after
// PENDING_LOGIN_MINUTES.
import type { PendingLoginStage, VerificationMethod } from "@db/generated";
import type { Db } from "@/lib/db/client";
import { PENDING_LOGIN_MINUTES } from "@/lib/config";
import type { AnyTx } from "@/lib/db/tenant";
import { randomToken, sha256Hex } from "@/lib/security/tokens";
import type { RequestContext } from "@/lib/activity/record-event";

type Tx = AnyTx;

export async function createPendingLogin(
  tx: Tx,
  opts: {
    orgId: string;
    userId: string;
    stage: PendingLoginStage;
    allowedMethods: VerificationMethod[];
    context: RequestContext;
    nowMs: number;
  },
): Promise<{ token: string; id: string }> {
  const token = randomToken();
  const row = await tx.pendingLogin.create({
    data: {
      orgId: opts.orgId,
      userId: opts.userId,
      tokenHash: sha256Hex(token),
      stage: opts.stage,
      allowedMethods: opts.allowedMethods,
      ip: opts.context.ip,
      userAgent: opts.context.userAgent,
      expiresAt: new Date(opts.nowMs + PENDING_LOGIN_MINUTES * 60_000),
    },
  });
  return { token, id: row.id };
}

const pendingInclude = { user: { include: { org: { include: { settings: true } }, profile: true } } } as const;

/** The live pending login for this browser's token at the given stage, with what the challenge needs. */
export async function findPendingLogin(db: Db | Tx, opts: { token: string; stage: PendingLoginStage; nowMs?: number }) {
  if (!opts.token) return null;
  return db.pendingLogin.findFirst({
    where: {
      tokenHash: sha256Hex(opts.token),
      stage: opts.stage,
      consumedAt: null,
      expiresAt: { gt: new Date(opts.nowMs ?? Date.now()) },
    },
    include: pendingInclude,
  });
}

/** This browser's pending login in whatever state (expired, voided, completed), or null. */
export async function findPendingLoginByToken(db: Db | Tx, token: string) {
  if (!token) return null;
  return db.pendingLogin.findUnique({ where: { tokenHash: sha256Hex(token) }, include: pendingInclude });
}
export type PendingLoginWithUser = NonNullable<Awaited<ReturnType<typeof findPendingLoginByToken>>>;

/**
 * Why a pending login can no longer be finished, or null while it can: an administrator's reset,
 * revoke or deactivation ends ("voids") logins in progress, which is not the same as expiring.
 */
export function pendingLoginEnded(
  pending: { consumedAt: Date | null; stage: PendingLoginStage; expiresAt: Date },
  nowMs: number,
): "LOGIN_ENDED" | "PENDING_LOGIN_EXPIRED" | null {
  if (pending.consumedAt && pending.stage !== "COMPLETED") return "LOGIN_ENDED";
  if (pending.consumedAt || pending.expiresAt.getTime() <= nowMs) return "PENDING_LOGIN_EXPIRED";
  return null;
}

/**
 * Marks the pending login verified and issues the single-use ticket that next-auth exchanges
 * for a session. Conditional on the stage, so two racing verifications cannot both complete it.
 */
export async function completePendingLogin(
  tx: Tx,
  opts: {
    id: string;
    fromStage: PendingLoginStage;
    method: VerificationMethod;
    /** Spent at once: the same transaction opens the session (lib/auth/open-session.ts). */ spentAt?: Date;
  },
): Promise<string | null> {
  const ticket = randomToken();
  const { count } = await tx.pendingLogin.updateMany({
    where: { id: opts.id, stage: opts.fromStage, consumedAt: null },
    data: { stage: "COMPLETED", ticketHash: sha256Hex(ticket), method: opts.method, ...(opts.spentAt ? { consumedAt: opts.spentAt } : {}) },
  });
  return count === 1 ? ticket : null;
}
