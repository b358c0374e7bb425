// Recovery codes (SPEC B1): 10 single-use codes per user, 60 bits each, stored as keyed hashes,
// shown once. Generating a new set replaces the old one.
import { randomInt } from "node:crypto";
import type { Prisma, RecoveryCode } from "@db/generated";
import { codeMatches, hashCode } from "@/lib/security/code-hash";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 (no i, l, o, u): codes are read off paper. 5 bits a symbol; 12 = 60 bits.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const SYMBOLS_PER_CODE = 12;

// Structural, so both the plain client and a tenant-scoped one (lib/db/tenant) fit.
type CodeReplacer = {
  recoveryCode: {
    deleteMany(args: Prisma.RecoveryCodeDeleteManyArgs): PromiseLike<unknown>;
    createMany(args: Prisma.RecoveryCodeCreateManyArgs): PromiseLike<unknown>;
  };
};
type CodeCounter = { recoveryCode: { count(args: Prisma.RecoveryCodeCountArgs): PromiseLike<number> } };
type CodeReader = { recoveryCode: { findMany(args: Prisma.RecoveryCodeFindManyArgs): Promise<RecoveryCode[]> } };
type CodeWriter = { recoveryCode: { updateMany(args: Prisma.RecoveryCodeUpdateManyArgs): PromiseLike<{ count: number }> } };

function newCode(): string {
  let code = "";
  for (let i = 0; i < SYMBOLS_PER_CODE; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Replaces the user's recovery codes; returns the new ones in clear, the only time they exist so. */
export async function replaceRecoveryCodes(tx: CodeReplacer, opts: { orgId: string; userId: string }): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.recoveryCode.deleteMany({ where: { userId: opts.userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ orgId: opts.orgId, userId: opts.userId, codeHash: hashCode("recovery-code", code) })),
  });
  return codes;
}

export async function countUnusedRecoveryCodes(db: CodeCounter, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** The user's unused code matching what was typed, and how many unused codes they have. */
export async function findRecoveryCode(db: CodeReader, opts: { userId: string; code: string }): Promise<{ match: RecoveryCode | null; unused: number }> {
  const unused = await db.recoveryCode.findMany({ where: { userId: opts.userId, usedAt: null } });
  // Compare against every unused code (constant-time each), not only until the first match.
  const match = unused.map((c) => (codeMatches("recovery-code", opts.code, c.codeHash) ? c : null)).find(Boolean) ?? null;
  return { match, unused: unused.length };
}

/**
 * Spends a code: a conditional UPDATE (used_at IS NULL) whose row count decides, so of racing
 * requests with the same code exactly one gets true. Run it in the transaction that grants what
 * the code buys (a login, a step-up), so the code is spent exactly when that commits.
 */
export async function spendRecoveryCode(tx: CodeWriter, opts: { id: string; userId: string; nowMs: number }): Promise<boolean> {
  const { count } = await tx.recoveryCode.updateMany({ where: { id: opts.id, userId: opts.userId, usedAt: null }, data: { usedAt: new Date(opts.nowMs) } });
  return count === 1;
}
