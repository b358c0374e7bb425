// When a step-up's completing transaction found the account locked: the lock's end, for the answer.
import type { OrgDb } from "@/lib/db/tenant";

export async function lockedUntilNow(orgDb: OrgDb, user: { id: string }, nowMs: number): Promise<Date> {
  const row = await orgDb.user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedUntil: true } });
  return row.lockedUntil ?? new Date(nowMs);
}
