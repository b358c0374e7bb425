// Guards for pages and actions: no session → the login page; missing permission → 403; a
// Standard session on a High Assurance action → "Verify your identity", which returns here.
import { redirect } from "next/navigation";
import { getCurrentSession, type CurrentSession } from "./current-session";
import { forbidAction } from "./forbidden-page";
import { permits, type Action } from "@/lib/policy/actions";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { addingMethodNeedsStepUp } from "@/lib/account/add-method-assurance";

export async function requireSession(): Promise<CurrentSession> {
  const current = await getCurrentSession();
  if (!current) redirect("/login");
  return current;
}

/** A page of `action` (lib/policy/actions.ts): no permission → 403. The session level is apart. */
export async function requireAction(action: Action): Promise<CurrentSession> {
  const current = await requireSession();
  if (!permits(current.permissions, action)) forbidAction(action);
  return current;
}

/**
 * SPEC L10, B5: the action at `returnTo` (a same-site path, e.g. "/setup/users/<id>") needs a
 * High Assurance session that is still inside its window; otherwise the caller is sent to step up
 * and comes back to `returnTo`. Works in pages and in server actions (redirect throws).
 */
export async function requireHighAssurance(returnTo: string): Promise<CurrentSession> {
  const current = await requireSession();
  if (currentLevel(current.session).level !== "HIGH_ASSURANCE") redirect(stepUpPath(returnTo));
  return current;
}

/** The same check without redirecting, for server actions that answer with a value instead. */
export async function hasHighAssurance(): Promise<boolean> {
  const current = await getCurrentSession();
  return current !== null && currentLevel(current.session).level === "HIGH_ASSURANCE";
}

/**
 * SPEC B7: adding a verification method at `returnTo` needs High Assurance once anything is
 * registered (lib/account/add-method-assurance.ts); a user with nothing registered goes ahead.
 */
export async function requireAssuranceToAddMethod(returnTo: string): Promise<CurrentSession> {
  const current = await requireSession();
  if (await addingMethodNeedsStepUp(current.orgDb, { userId: current.user.id })) return requireHighAssurance(returnTo);
  return current;
}
