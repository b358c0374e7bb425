// Recovery codes (SPEC B1): 10 single-use codes per user, 60 bits each, stored as keyed hashes,
// shown once. Generating a new set replaces the old one.
import { randomInt } from "node:crypto";
import type { Prisma } from "@db/generated";
import { hashCode } from "@/lib/security/code-hash";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 (no i, l, o, u): codes are read off paper. 5 bits a symbol; 12 = 60 bits.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const SYMBOLS_PER_CODE = 12;

function newCode(): string {
  let code = "";
  for (let i = 0; i < SYMBOLS_PER_CODE; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Replaces the user's recovery codes; returns the new ones in clear, the only time they exist so. */
export async function replaceRecoveryCodes(
  tx: Prisma.TransactionClient,
  opts: { orgId: string; userId: string },
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.recoveryCode.deleteMany({ where: { userId: opts.userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ orgId: opts.orgId, userId: opts.userId, codeHash: hashCode("recovery-code", code) })),
  });
  return codes;
}

export async function countUnusedRecoveryCodes(db: Pick<Prisma.TransactionClient, "recoveryCode">, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
