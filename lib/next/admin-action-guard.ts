// The guard every admin server action starts with (STYLE habit 1): a session (else the login
// page), the permission (else a message, nothing changed), and for High Assurance actions (L10)
// a raised session (else "Verify your identity", which returns to `returnTo`).
import { redirect } from "next/navigation";
import type { Permission } from "@db/generated";
import type { RequestContext } from "@/lib/activity/record-event";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { errorMessage } from "@/lib/errors";
import { hasAnyPermission } from "@/lib/users/permissions";
import { getCurrentSession, type CurrentSession } from "./current-session";
import { getRequestContext } from "./request-context";

export type AdminGuardResult = { ok: true; current: CurrentSession; context: RequestContext } | { ok: false; error: string };

export async function guardAdminAction(opts: {
  permissions: readonly Permission[];
  highAssurance?: boolean;
  returnTo: string;
}): Promise<AdminGuardResult> {
  const current = await getCurrentSession();
  if (!current) redirect("/login");
  if (!hasAnyPermission(current.permissions, opts.permissions)) return { ok: false, error: errorMessage("FORBIDDEN") };
  if (opts.highAssurance && currentLevel(current.session).level !== "HIGH_ASSURANCE") redirect(stepUpPath(opts.returnTo));
  return { ok: true, current, context: await getRequestContext() };
}
