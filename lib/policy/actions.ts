// Who may do what (SPEC T3, A9, L10, B3, B4, S2): one table, read by the console's page and action
// guards, by the buttons a page shows, by the break-glass CLI and by the REST API. Nothing under
// app/ names a permission: it names an action of this table.
//
// - `anyOf`: the caller needs at least one of these permissions.
// - `highAssurance`: a Standard session steps up first (L10). "org-setting" defers to S2.
// - `secondAdminApproval`: with the org policy on, done to an administrator it becomes a request
//   another administrator approves (lib/policy/second-admin-approval.ts).
// - `notOnSelf`: never on one's own account (B3, A8).
import type { ApprovalAction, Permission } from "@db/generated";

export interface ActionPolicy {
  anyOf: readonly Permission[];
  highAssurance: boolean | "org-setting";
  secondAdminApproval?: true;
  notOnSelf?: true;
}

const CONSOLE: readonly Permission[] = ["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"];
const MFA: readonly Permission[] = ["MANAGE_MFA"];
const USERS: readonly Permission[] = ["MANAGE_USERS"];
// Ending sessions belongs to both: part of the lost-device rescue (A7) and of user admin (A8).
const MFA_OR_USERS: readonly Permission[] = ["MANAGE_MFA", "MANAGE_USERS"];

export const ACTIONS = {
  // Reading the console: Setup > Users, profiles, the overview.
  "console.view": { anyOf: CONSOLE, highAssurance: false },
  "history.view": { anyOf: CONSOLE, highAssurance: "org-setting" },
  "history.export": { anyOf: CONSOLE, highAssurance: "org-setting" },

  // A3–A7: the MFA rescue.
  "temp-code.generate": { anyOf: MFA, highAssurance: true, secondAdminApproval: true, notOnSelf: true },
  "temp-code.expire": { anyOf: MFA, highAssurance: false },
  "method.disconnect": { anyOf: MFA, highAssurance: true, secondAdminApproval: true, notOnSelf: true },
  "mfa.reset": { anyOf: MFA, highAssurance: true, secondAdminApproval: true, notOnSelf: true },
  // Deciding also needs the permission of the request's own action (APPROVAL_ACTIONS below).
  "approval.decide": { anyOf: MFA_OR_USERS, highAssurance: true, notOnSelf: true },
  "lost-device.view": { anyOf: MFA, highAssurance: false, notOnSelf: true },
  "sessions.revoke": { anyOf: MFA_OR_USERS, highAssurance: true, notOnSelf: true },

  // B4: bulk actions always ask for High Assurance; each user then meets its own action's rules.
  "bulk.reset-mfa": { anyOf: MFA, highAssurance: true, secondAdminApproval: true },
  "bulk.expire-temp-codes": { anyOf: MFA, highAssurance: true },
  "bulk.revoke-sessions": { anyOf: MFA_OR_USERS, highAssurance: true },

  // A8: user administration.
  "user.create": { anyOf: USERS, highAssurance: true },
  "user.update": { anyOf: USERS, highAssurance: true },
  "user.set-active": { anyOf: USERS, highAssurance: true, notOnSelf: true },
  "user.unlock": { anyOf: USERS, highAssurance: true, notOnSelf: true },
  // W2: a new activation link instead of the password; the user's methods stay.
  "password.reset": { anyOf: USERS, highAssurance: true, secondAdminApproval: true, notOnSelf: true },
  "bulk.reset-password": { anyOf: USERS, highAssurance: true, secondAdminApproval: true },

  // P1: API tokens. Revoking needs no step-up: stopping a leaked token must never wait.
  "api-tokens.view": { anyOf: USERS, highAssurance: false },
  "api-tokens.create": { anyOf: USERS, highAssurance: true },
  "api-tokens.revoke": { anyOf: USERS, highAssurance: false },

  // B8: webhooks. Adding, editing and rotating decide where events go and who can sign them: High
  // Assurance. Pausing, a test event and a redelivery send nothing new anywhere: no step-up.
  "webhooks.view": { anyOf: USERS, highAssurance: false },
  "webhooks.create": { anyOf: USERS, highAssurance: true },
  "webhooks.update": { anyOf: USERS, highAssurance: true },
  "webhooks.rotate-secret": { anyOf: USERS, highAssurance: true },
  "webhooks.pause": { anyOf: USERS, highAssurance: false },
  "webhooks.test": { anyOf: USERS, highAssurance: false },
  "webhooks.redeliver": { anyOf: USERS, highAssurance: false },

  // S1–S4, T4: org settings and profiles.
  "settings.view": { anyOf: USERS, highAssurance: true },
  "settings.update": { anyOf: USERS, highAssurance: true },
  "profile.set-login-level": { anyOf: USERS, highAssurance: true },
} as const satisfies Record<string, ActionPolicy>;

export type Action = keyof typeof ACTIONS;

export function policyOf(action: Action): ActionPolicy {
  return ACTIONS[action];
}

/** Whether these permissions allow the action at all (the session level is checked apart). */
export function permits(permissions: ReadonlySet<Permission>, action: Action): boolean {
  return ACTIONS[action].anyOf.some((p) => permissions.has(p));
}

/** What a page shows: each action this caller may take, e.g. `can["mfa.reset"]`. */
export function capabilities(permissions: ReadonlySet<Permission>): Record<Action, boolean> {
  return Object.fromEntries(Object.keys(ACTIONS).map((a) => [a, permits(permissions, a as Action)])) as Record<Action, boolean>;
}

/** The permissions an action names, for the 403 page's explanation. */
export function permissionsFor(action: Action): readonly Permission[] {
  return ACTIONS[action].anyOf;
}

/** B3: the action a second administrator's request stands for; whoever decides it must be allowed it. */
export const APPROVAL_ACTIONS: Record<ApprovalAction, Action> = {
  RESET_MFA: "mfa.reset",
  DISCONNECT_METHOD: "method.disconnect",
  TEMP_CODE: "temp-code.generate",
  RESET_PASSWORD: "password.reset",
};
