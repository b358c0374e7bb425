// The guard every admin server action starts with (STYLE habit 1), reading the one policy table
// (lib/policy/actions.ts): a session (else the login page), the action's permission (else a
// message, nothing changed), and for High Assurance actions (L10) a raised session (else "Verify
// your identity", which returns to `returnTo`).
import { redirect } from "next/navigation";
import type { RequestContext } from "@/lib/activity/record-event";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { errorMessage } from "@/lib/errors";
import { permits, policyOf, type Action } from "@/lib/policy/actions";
import { getCurrentSession, type CurrentSession } from "./current-session";
import { getRequestContext } from "./request-context";

export type AdminGuardResult = { ok: true; current: CurrentSession; context: RequestContext } | { ok: false; error: string };

export async function guardAdminAction(opts: { action: Action; returnTo: string }): Promise<AdminGuardResult> {
  const current = await getCurrentSession();
  if (!current) redirect("/login");
  if (!permits(current.permissions, opts.action)) return { ok: false, error: errorMessage("FORBIDDEN") };
  if (policyOf(opts.action).highAssurance === true && currentLevel(current.session).level !== "HIGH_ASSURANCE") redirect(stepUpPath(opts.returnTo));
  return { ok: true, current, context: await getRequestContext() };
}
