// The form actions (useActionState) and what each takes, field by field: the page that carries
// it, the value a real form sends in each field, the wrong-but-well-formed values (another org's
// row, someone else's row) and who sends it. The spec fuzzes one field at a time.
import { randomUUID } from "node:crypto";
import { one, type Field, type Hostile } from "./values";
import { PASSWORD, type Identity, type World } from "./world";

export interface FormAction {
  name: string;
  /** A page that carries the action (real ids filled in). */
  path: string;
  fields: Field[];
  identities: Identity[];
}

export function formActions(world: World): FormAction[] {
  const { ids } = world;
  const anyone = [world.anonymous, world.admin];
  const loginStep = (pending: Identity) => [world.anonymous, world.admin, pending, ...world.hostilePendingCookies.slice(0, 1)];
  const otherOrgUser: Hostile = one("Globex user's id", ids.globexAdmin);
  const ownId: Hostile = one("the admin's own id", ids.admin);
  const userField: Field = { name: "userId", kind: "id", valid: ids.alice, wrong: [otherOrgUser, ownId] };
  const reason: Field = { name: "reason", kind: "text", valid: "Phone lost" };
  // `next` is read only once the code is verified, which takes a real TOTP step of the admin (a
  // hostile code never gets that far); the same check guards GET /verify/step-up?next=, probed in hostile-pages.spec.ts.
  const stepUpNext: Field = { name: "next", kind: "text", valid: "/setup/users", fuzz: false };
  // Setup > Security as the page would post it now: each field with the org's current value.
  const s = world.acmeSettings;
  const number = (name: string): Field => ({ name, kind: "number", valid: String(s[snake(name)]) });
  // A checkbox the org has on is sent "on" and never fuzzed: the schema reads any other value
  // as unchecked, so a hostile value would turn the setting off for the rest of the suite.
  const checkbox = (name: string): Field => (s[snake(name)] ? { name, kind: "checkbox", valid: ["on"], fuzz: false } : { name, kind: "checkbox", valid: [] });
  const settingsFields: Field[] = [
    checkbox("requireMfaForUiLogins"),
    checkbox("historyRequiresHighAssurance"),
    checkbox("requireSecondAdminForAdminReset"),
    { name: "highAssuranceMethods", kind: "list", valid: s.high_assurance_methods as string[] },
    number("lockoutMaxAttempts"),
    number("lockoutMinutes"),
    number("tempCodeMaxHours"),
    number("highAssuranceMinutes"),
    number("sessionIdleMinutes"),
    number("sessionAbsoluteHours"),
    number("activationLinkHours"),
    number("passwordMinLength"),
    // "Save anyway" (lib/auth/step-up-warnings.ts): the methods above change nothing, so none is needed.
    { name: "confirmStepUpWarnings", kind: "text", valid: "" },
  ];
  return [
    {
      name: "loginAction",
      path: "/login",
      identities: [world.anonymous],
      fields: [
        { name: "username", kind: "text", valid: "hostile-nobody@acme.test" },
        { name: "password", kind: "text", valid: PASSWORD },
      ],
    },
    { name: "verifyTotpAction", path: "/verify/totp", identities: loginStep(world.pendingTotp), fields: [{ name: "code", kind: "code", valid: "" }] },
    { name: "verifyTempCodeAction", path: "/verify/temp-code", identities: loginStep(world.pendingTotp), fields: [{ name: "code", kind: "code", valid: "" }] },
    {
      name: "verifyRecoveryCodeAction",
      path: "/verify/recovery-code",
      identities: loginStep(world.pendingTotp),
      fields: [{ name: "code", kind: "code", valid: "" }],
    },
    {
      name: "confirmEnrollmentAction",
      path: "/verify/enroll/totp",
      identities: loginStep(world.pendingEnroll),
      fields: [{ name: "code", kind: "code", valid: "" }],
    },
    {
      name: "stepUpTotpAction",
      path: "/verify/step-up",
      identities: anyone,
      fields: [{ name: "code", kind: "code", valid: "" }, stepUpNext],
    },
    { name: "stepUpRecoveryCodeAction", path: "/verify/step-up", identities: anyone, fields: [{ name: "code", kind: "code", valid: "" }, stepUpNext] },
    {
      name: "renameMethodAction",
      path: "/account/security",
      identities: anyone,
      fields: [
        { name: "kind", kind: "text", valid: "TOTP" },
        { name: "methodId", kind: "id", valid: ids.adminTotp, wrong: [one("Alice's factor", ids.aliceTotp), one("Globex factor", ids.globexTotp)] },
        { name: "name", kind: "text", valid: "Authenticator app" },
      ],
    },
    {
      name: "removeMethodAction",
      path: "/account/security",
      identities: anyone,
      fields: [
        { name: "kind", kind: "text", valid: "TOTP" },
        { name: "methodId", kind: "id", valid: ids.adminTotp, wrong: [one("Alice's factor", ids.aliceTotp), one("Globex factor", ids.globexTotp)] },
      ],
    },
    {
      name: "endSessionAction",
      path: "/account/security",
      identities: anyone,
      fields: [{ name: "sessionId", kind: "id", valid: "", wrong: [one("the current session", world.admin.sessionId)] }],
    },
    {
      name: "confirmAuthenticatorAction",
      path: "/account/security/add-authenticator",
      identities: anyone,
      fields: [
        { name: "name", kind: "text", valid: "Second phone" },
        { name: "code", kind: "code", valid: "123456" },
      ],
    },
    {
      name: "createUserAction",
      path: "/setup/users/new",
      identities: anyone,
      fields: [
        { name: "name", kind: "text", valid: "Hostile New" },
        { name: "username", kind: "text", valid: "hostile-new@acme.test", extra: [one("taken username", "alice@acme.test")] },
        { name: "profileId", kind: "id", valid: ids.acmeStandardProfile, wrong: [one("Globex profile", ids.globexStandardProfile)] },
        { name: "extraPermissions", kind: "list", valid: ["MFA_FOR_UI_LOGINS"] },
      ],
    },
    {
      name: "updateUserAction",
      path: `/setup/users/${ids.alice}/edit`,
      identities: anyone,
      fields: [
        userField,
        { name: "name", kind: "text", valid: "Alice Anders" },
        { name: "profileId", kind: "id", valid: ids.acmeStandardProfile, wrong: [one("Globex profile", ids.globexStandardProfile)] },
        { name: "extraPermissions", kind: "list", valid: ["MFA_FOR_UI_LOGINS"] },
      ],
    },
    { name: "expireTempCodeAction", path: `/setup/users/${ids.alice}`, identities: anyone, fields: [{ ...userField, valid: "" }] },
    {
      name: "disconnectMethodAction",
      path: `/setup/users/${ids.alice}`,
      identities: anyone,
      fields: [
        userField,
        { name: "methodType", kind: "text", valid: "TOTP" },
        { name: "methodId", kind: "id", valid: ids.aliceTotp, wrong: [one("the admin's factor", ids.adminTotp), one("Globex factor", ids.globexTotp)] },
        reason,
      ],
    },
    { name: "resetMfaAction", path: `/setup/users/${ids.alice}`, identities: anyone, fields: [userField, reason] },
    { name: "resetPasswordAction", path: `/setup/users/${ids.alice}`, identities: anyone, fields: [userField, reason] },
    // W1: a well-formed token of no link, so a hostile password that happens to meet the rules
    // still changes nothing; the token itself is fuzzed too.
    {
      name: "activateAction",
      path: `/activate/${"A".repeat(43)}`,
      identities: [world.anonymous],
      fields: [
        { name: "token", kind: "text", valid: "A".repeat(43) },
        { name: "password", kind: "text", valid: "lantern orbit velvet canyon" },
        { name: "confirm", kind: "text", valid: "lantern orbit velvet canyon" },
      ],
    },
    // W3: the confirmation never matches, so no hostile value can change the admin's password or
    // reach the current-password check (whose failure is an event).
    {
      name: "changePasswordAction",
      path: "/account/security/change-password",
      identities: anyone,
      fields: [
        { name: "currentPassword", kind: "text", valid: PASSWORD },
        { name: "newPassword", kind: "text", valid: "lantern orbit velvet canyon" },
        { name: "confirm", kind: "text", valid: "a different phrase entirely" },
      ],
    },
    { name: "revokeSessionsAction", path: `/setup/users/${ids.alice}`, identities: anyone, fields: [{ ...userField, valid: "" }] },
    // One session: no valid id is sent (a real one of Alice's would end it for the rest of the
    // suite); the admin's own current session, named as Alice's, must not be found.
    {
      name: "revokeSessionAction",
      path: `/setup/users/${ids.alice}`,
      identities: anyone,
      fields: [userField, { name: "sessionId", kind: "id", valid: "", wrong: [one("the admin's own session", world.admin.sessionId)] }],
    },
    { name: "unlockUserAction", path: `/setup/users/${ids.alice}`, identities: anyone, fields: [{ ...userField, valid: "" }] },
    {
      name: "setUserActiveAction",
      path: `/setup/users/${ids.alice}`,
      identities: anyone,
      fields: [userField, { name: "active", kind: "text", valid: "false" }],
    },
    {
      name: "decideApprovalAction",
      path: `/setup/users/${ids.alice}`,
      identities: anyone,
      fields: [userField, { name: "requestId", kind: "id", valid: randomUUID() }, { name: "decision", kind: "text", valid: "deny" }],
    },
    {
      name: "generateTempCodeAction",
      path: `/setup/users/${ids.alice}/temp-code`,
      identities: anyone,
      fields: [userField, { name: "expiresInHours", kind: "number", valid: "1" }, { name: "maxUses", kind: "number", valid: "1" }, reason],
    },
    {
      name: "bulkAction",
      path: "/setup/users",
      identities: anyone,
      fields: [
        { name: "action", kind: "text", valid: "expire-temp-codes", extra: [one("reset-password without a reason", "reset-password")] },
        {
          name: "userIds",
          kind: "list",
          valid: [ids.alice],
          extra: [
            one("random uuid", randomUUID()),
            one("Globex user's id", ids.globexAdmin),
            { label: "101 ids", values: Array.from({ length: 101 }, () => randomUUID()) },
          ],
        },
        { name: "reason", kind: "text", valid: "" },
      ],
    },
    {
      name: "setProfileLevelAction",
      path: "/setup/profiles",
      identities: anyone,
      fields: [
        { name: "profileId", kind: "id", valid: ids.acmeStandardProfile, wrong: [one("Globex profile", ids.globexStandardProfile)] },
        { name: "level", kind: "text", valid: "HIGH_ASSURANCE" },
      ],
    },
    { name: "saveSecuritySettingsAction", path: "/setup/security", identities: anyone, fields: settingsFields },
    // A token acts as one of the org's Api Only users (lib/api-tokens/acting-user-choices.ts): Alice is none.
    {
      name: "createApiTokenAction",
      path: "/setup/api-tokens/new",
      identities: anyone,
      fields: [
        { name: "name", kind: "text", valid: "Hostile e2e token" },
        { name: "actingUserId", kind: "id", valid: ids.apiUser, wrong: [otherOrgUser, one("Alice (not Api Only)", ids.alice)] },
        { name: "scopes", kind: "list", valid: ["MANAGE_USERS"], extra: [one("a permission that is no scope", "API_ONLY")] },
        { name: "expiresInDays", kind: "number", valid: "90", extra: [one("0", "0")] },
      ],
    },
    {
      name: "revokeApiTokenAction",
      path: "/setup/api-tokens",
      identities: anyone,
      fields: [{ name: "tokenId", kind: "id", valid: "", wrong: [one("Globex token", ids.globexApiToken), one("a revoked token", world.revokedApiToken.id)] }],
    },
    // B8: the address is always one the SSRF guard refuses (a private one), so no hostile value in
    // another field can add or change an endpoint; the endpoints are paused, so none resumes.
    ...webhookActions(world, anyone),
  ];
}

function webhookActions(world: World, anyone: Identity[]): FormAction[] {
  const { ids } = world;
  const refusedUrl: Field = { name: "url", kind: "text", valid: "https://10.0.0.1/hooks/mfa" };
  const endpointFields: Field[] = [
    refusedUrl,
    { name: "description", kind: "text", valid: "Hostile SIEM" },
    { name: "scope", kind: "text", valid: "chosen" },
    { name: "activities", kind: "list", valid: ["LOGIN"], extra: [one("no kind of ours", "NOPE")] },
  ];
  const globexEndpoint = one("Globex endpoint", ids.globexWebhook);
  const endpoint: Field = { name: "endpointId", kind: "id", valid: "", wrong: [globexEndpoint] };
  return [
    {
      name: "createWebhookAction",
      path: "/setup/webhooks/new",
      identities: anyone,
      fields: [...endpointFields, { name: "active", kind: "text", valid: "false" }],
    },
    {
      name: "updateWebhookAction",
      path: `/setup/webhooks/${ids.acmeWebhook}/edit`,
      identities: anyone,
      fields: [{ ...endpoint, valid: ids.acmeWebhook }, ...endpointFields],
    },
    { name: "rotateWebhookSecretAction", path: `/setup/webhooks/${ids.acmeWebhook}`, identities: anyone, fields: [endpoint] },
    // Paused already: "false" for Acme's is refused as such; anything else is no answer of the form.
    {
      name: "setWebhookActiveAction",
      path: `/setup/webhooks/${ids.acmeWebhook}`,
      identities: anyone,
      fields: [
        { ...endpoint, valid: ids.acmeWebhook },
        { name: "active", kind: "text", valid: "false" },
      ],
    },
    { name: "sendWebhookTestAction", path: `/setup/webhooks/${ids.acmeWebhook}`, identities: anyone, fields: [endpoint] },
    {
      name: "redeliverWebhookAction",
      path: `/setup/webhooks/${ids.acmeWebhook}`,
      identities: anyone,
      fields: [
        { name: "deliveryId", kind: "id", valid: "", wrong: [one("Globex delivery", ids.globexDelivery)] },
        { ...endpoint, valid: ids.acmeWebhook },
      ],
    },
  ];
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
