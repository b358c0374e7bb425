// The 403 page says which permission *this* page needs: the guard that refuses names its action
// (lib/policy/actions.ts) here before calling forbidden(), and app/forbidden.tsx, rendered in the
// same request, reads it back. React's cache() is per request, so no request sees another's.
import { cache } from "react";
import { forbidden } from "next/navigation";
import { permissionsFor, type Action } from "@/lib/policy/actions";
import { PERMISSION_LABELS } from "@/lib/users/permissions";

const refused = cache((): { action?: Action } => ({}));

export function forbidAction(action: Action): never {
  refused().action = action;
  forbidden();
}

/** "the Manage Users permission", "the Manage Users or … permission"; null when no guard said. */
export function refusedPermissionText(): string | null {
  const action = refused().action;
  if (!action) return null;
  const labels = permissionsFor(action).map((p) => PERMISSION_LABELS[p]);
  const list = labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}` : labels[0];
  return `the ${list} permission`;
}
