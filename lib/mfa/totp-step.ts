// A TOTP time step is accepted once per user (SPEC L4), whatever asks for the code: the login
// challenge and step-up share this. Matching is a read; consuming runs in the caller's
// transaction under a lock on the user's row, so of any number of racing requests carrying the
// same code exactly one consumes its step — across all of the user's authenticator apps.
import type { Prisma, TotpFactor } from "@db/generated";
import { decryptTotpSecret } from "./totp-secret";
import { matchTotpStep } from "./totp";
import { lockUserRow, type RawLocker } from "@/lib/db/lock-user";

// Structural, so both the plain client and a tenant-scoped one (lib/db/tenant) fit.
type FactorReader = { totpFactor: { findMany(args: Prisma.TotpFactorFindManyArgs): Promise<TotpFactor[]> } };
type StepWriter = RawLocker & {
  totpFactor: {
    count(args: Prisma.TotpFactorCountArgs): PromiseLike<number>;
    updateMany(args: Prisma.TotpFactorUpdateManyArgs): PromiseLike<{ count: number }>;
  };
};

export interface TotpMatch {
  factor: TotpFactor;
  /** RFC 6238 time step the code belongs to. */
  step: number;
}

/** Which of the user's confirmed authenticator apps shows this code, and at which step. */
export async function matchUserTotp(db: FactorReader, opts: { userId: string; code: string; nowMs: number }): Promise<TotpMatch | null> {
  const factors = await db.totpFactor.findMany({ where: { userId: opts.userId, verifiedAt: { not: null } } });
  for (const factor of factors) {
    const step = matchTotpStep(decryptTotpSecret(factor), opts.code, opts.nowMs);
    if (step !== null) return { factor, step };
  }
  return null;
}

/**
 * Consumes the matched step inside the caller's transaction; false when this or a later step of
 * any of the user's apps was already accepted (a replay). The row lock serialises this user's
 * TOTP checks, so "once per user" holds under concurrency.
 */
export async function consumeTotpStep(tx: StepWriter, opts: { userId: string; orgId: string; match: TotpMatch; nowMs: number }): Promise<boolean> {
  await lockUserRow(tx, { id: opts.userId, orgId: opts.orgId });
  const step = BigInt(opts.match.step);
  const newer = await tx.totpFactor.count({ where: { userId: opts.userId, lastUsedStep: { gte: step } } });
  if (newer > 0) return false;
  const { count } = await tx.totpFactor.updateMany({
    where: { id: opts.match.factor.id, userId: opts.userId },
    data: { lastUsedStep: step, lastUsedAt: new Date(opts.nowMs) },
  });
  return count === 1;
}
