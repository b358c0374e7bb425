// SPEC B7, L10: when adding a verification method on My security needs a fresh verification. Once
// anything is registered (a method, or unused recovery codes) another method is a sensitive change
// — a way in for whoever holds the session — so only a High Assurance session may add one. A user
// with nothing registered cannot step up at all, so they add their first method without it: no
// weaker than registering at login (L3). One rule for every kind of method.
import type { OrgDb } from "@/lib/db/tenant";
import type { SessionLevel } from "@db/generated";
import { listStepUpMethods } from "@/lib/auth/step-up-methods";
import { currentLevel } from "@/lib/auth/session-level";

export async function addingMethodNeedsStepUp(orgDb: OrgDb, opts: { userId: string }): Promise<boolean> {
  return (await listStepUpMethods(orgDb, opts)).hasAnyMethod;
}

/** The same rule for a session in hand: may it add a method right now? */
export async function mayAddMethod(
  orgDb: OrgDb,
  opts: { userId: string; session: { level: SessionLevel; highAssuranceUntil: Date | null }; nowMs?: number },
): Promise<boolean> {
  if (currentLevel(opts.session, opts.nowMs).level === "HIGH_ASSURANCE") return true;
  return !(await addingMethodNeedsStepUp(orgDb, opts));
}
