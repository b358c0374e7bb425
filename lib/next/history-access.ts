// Who may read Setup > Identity Verification History, its detail view and its CSV export: anyone
// with a console permission (support agents hold VIEW_VERIFICATION_ACTIVITY; admins and delegates
// need it to help users), and, when the org asks for it (S2), only from a High Assurance session.
// Pages get redirects and 403s; route handlers get a value to answer with a status.
import { redirect } from "next/navigation";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { permits } from "@/lib/policy/actions";
import { getCurrentSession, type CurrentSession } from "./current-session";
import { forbidAction } from "./forbidden-page";

export type HistoryAccess = { ok: true; current: CurrentSession } | { ok: false; reason: "NO_SESSION" | "FORBIDDEN" | "STEP_UP_REQUIRED" };

export async function checkHistoryAccess(): Promise<HistoryAccess> {
  const current = await getCurrentSession();
  if (!current) return { ok: false, reason: "NO_SESSION" };
  if (!permits(current.permissions, "history.view")) return { ok: false, reason: "FORBIDDEN" };
  // The session row carries the org settings, read fresh on every request: a change applies at once.
  const stepUp = current.user.org.settings?.historyRequiresHighAssurance ?? false;
  if (stepUp && currentLevel(current.session).level !== "HIGH_ASSURANCE") {
    return { ok: false, reason: "STEP_UP_REQUIRED" };
  }
  return { ok: true, current };
}

/** For pages: `returnTo` is where "Verify your identity" sends the caller back to. */
export async function requireHistoryAccess(returnTo: string): Promise<CurrentSession> {
  const access = await checkHistoryAccess();
  if (access.ok) return access.current;
  if (access.reason === "NO_SESSION") redirect("/login");
  if (access.reason === "FORBIDDEN") forbidAction("history.view");
  redirect(stepUpPath(returnTo));
}
