// A user's effective permissions: the profile's plus the user's extra ones (SPEC T3, T4).
import type { Permission } from "@db/generated";

export const PERMISSION_LABELS: Record<Permission, string> = {
  MANAGE_USERS: "Manage Users",
  MANAGE_MFA: "Manage Multi-Factor Authentication in User Interface",
  VIEW_VERIFICATION_ACTIVITY: "View Identity Verification Activity",
  MFA_FOR_UI_LOGINS: "Multi-Factor Authentication for User Interface Logins",
  API_ONLY: "Api Only User",
};

export function effectivePermissions(user: { extraPermissions: Permission[]; profile: { permissions: Permission[] } }): Set<Permission> {
  return new Set([...user.profile.permissions, ...user.extraPermissions]);
}

/** True when every permission in `granted` is one the caller holds (no escalation through profiles). */
export function grantsOnlyHeld(granted: Permission[], held: Set<Permission>): boolean {
  return granted.every((p) => held.has(p) || p === "MFA_FOR_UI_LOGINS" || p === "API_ONLY");
}
