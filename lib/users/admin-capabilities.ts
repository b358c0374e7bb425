// What the caller may do in Setup > Users (SPEC T3, A9): MANAGE_MFA for the MFA actions (A3–A7),
// MANAGE_USERS for user administration (A8); VIEW_VERIFICATION_ACTIVITY alone only reads.
import type { Permission } from "@db/generated";

export interface AdminCapabilities {
  manageMfa: boolean;
  manageUsers: boolean;
}

export function adminCapabilities(permissions: Set<Permission>): AdminCapabilities {
  return { manageMfa: permissions.has("MANAGE_MFA"), manageUsers: permissions.has("MANAGE_USERS") };
}

/** Ending a user's sessions belongs to both: it is part of the lost-device rescue (A7) and of A8. */
export const REVOKE_SESSIONS_PERMISSIONS: readonly Permission[] = ["MANAGE_MFA", "MANAGE_USERS"];
