// The profiles every new org starts with (SPEC T4).
import type { Permission, SessionLevel } from "@db/generated";

export const DEFAULT_PROFILES: { name: string; permissions: Permission[]; requiredLevelAtLogin: SessionLevel | null }[] = [
  {
    name: "System Administrator",
    permissions: ["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"],
    requiredLevelAtLogin: null,
  },
  { name: "MFA Delegate", permissions: ["MANAGE_MFA"], requiredLevelAtLogin: null },
  { name: "Support Agent", permissions: ["VIEW_VERIFICATION_ACTIVITY"], requiredLevelAtLogin: null },
  { name: "Standard User", permissions: [], requiredLevelAtLogin: null },
  // Api Only, with the console permissions its API tokens may use; each token's scopes narrow them (P1).
  { name: "Integration User", permissions: ["API_ONLY", "MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"], requiredLevelAtLogin: null },
];
