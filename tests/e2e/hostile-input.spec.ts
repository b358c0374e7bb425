// Hostile input at every door of the console: each server action of the build (replayed as the
// browser sends it), each page and each route handler gets values no form of ours sends — NUL,
// broken UTF-8, 600 KB and over-1 MB strings, a field given twice, far and impossible dates,
// -1 / 1e309 / NaN, ids that are no uuid, a random uuid, another org's ids — once without a
// session and once as a High Assurance administrator (and, for the login steps, with a real
// pending login). Every answer must be a 4xx or a refusal a person can read, never a 5xx, and a
// refused request must leave every table as it was. HOSTILE_INPUT_TRACE=1 prints each request
// with its answer.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { randomToken, sha256Hex } from "@/lib/security/tokens";
import { disconnectMethodSchema, generateTempCodeSchema, loginSchema } from "@/lib/api/schemas";
import { renameMethodSchema } from "@/lib/account/schemas";
import { createUserSchema, userFieldsSchema } from "@/lib/users/user-schemas";
import { securitySettingsSchema } from "@/lib/orgs/security-settings";
import { authenticationResponseSchema, keyNameSchema, registrationResponseSchema } from "@/lib/mfa/webauthn/schemas";
import { createUser } from "./fixtures";
import {
  messagesOf,
  multipartBody,
  postArgsAction,
  postFormAction,
  readActionAnswer,
  serverActionsOfBuild,
  type ActionAnswer,
  type FieldValue,
  type FormFields,
  type ServerAction,
} from "../helpers/server-action";

const BASE_URL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const PASSWORD = "demo-password-1";

// ---------------------------------------------------------------------------------------------
// The hostile values

/** Under scripts/http-edge.mjs's 1 MB limit, so it reaches the action: far over every field's own limit. */
const TEXT_600_KB = "x".repeat(600 * 1024);
/** Over the edge's limit: answered 413 before Next.js reads it. */
const TEXT_OVER_1_MB = "x".repeat(1024 * 1024 + 1);
/** "a", U+D800 as a browser with a broken encoder would send it (ED A0 80: not UTF-8), "b". */
const BROKEN_UTF8 = Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]);

interface Hostile {
  label: string;
  /** More than one: the field is repeated (an array where the action reads one value). */
  values: FieldValue[];
}

const one = (label: string, value: FieldValue): Hostile => ({ label, values: [value] });

// Both repeated values are invalid on their own, so the request is refused whichever one an
// action reads (formData.get takes the first, Object.fromEntries the last).
const TEXT_VALUES: Hostile[] = [
  one("NUL", "a\u0000b"),
  one("lone surrogate (bytes ED A0 80)", BROKEN_UTF8),
  one("600 KB", TEXT_600_KB),
  { label: "repeated field", values: ["a\u0000b", "c\u0000d"] },
];
const NUMBER_VALUES: Hostile[] = ["-1", "1e309", "NaN", "99999999999999999999"].map((v) => one(v, v));
const FAR_DATES: Hostile[] = ["9999-12-31", "0000-01-01", "2026-02-30"].map((v) => one(v, v));

/** JSON values for actions called with plain arguments (raw JSON text, so 1e309 stays 1e309). */
const JSON_VALUES: [label: string, json: string][] = [
  ["NUL", JSON.stringify("a\u0000b")],
  ["lone surrogate", '"a\\ud800b"'],
  ["600 KB", JSON.stringify(TEXT_600_KB)],
  ["array for a scalar", '["a","b"]'],
  ["1e309", "1e309"],
  ["-1", "-1"],
  ["object for a scalar", '{"toString":"x"}'],
];

// ---------------------------------------------------------------------------------------------
// The database: ids to aim at, and a fingerprint of every table

const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });

async function row<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.query(sql, params);
  if (!rows[0]) throw new Error(`no row for ${sql} ${JSON.stringify(params)}`);
  return rows[0] as T;
}
const userId = (username: string) => row<{ id: string }>("SELECT id FROM users WHERE username = $1", [username]).then((r) => r.id);
const totpFactorId = (username: string) =>
  row<{ id: string }>("SELECT t.id FROM totp_factors t JOIN users u ON u.id = t.user_id WHERE u.username = $1 AND t.verified_at IS NOT NULL", [username]).then((r) => r.id);
const profileId = (orgSlug: string, name: string) =>
  row<{ id: string }>("SELECT p.id FROM profiles p JOIN orgs o ON o.id = p.org_id WHERE o.slug = $1 AND p.name = $2", [orgSlug, name]).then((r) => r.id);

/**
 * Every public table's row count and an md5 of its rows, read in one statement. A session's
 * last_seen_at is left out: validating a session writes it at most once a minute by design
 * (lib/auth/session.ts), refused request or not; every other column of every row counts.
 */
class TableFingerprint {
  private sql = "";
  private last = new Map<string, string>();

  async start(): Promise<void> {
    const { rows } = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1",
    );
    this.sql = rows
      .map(({ table_name: t }) => {
        const text = t === "sessions" ? "(to_jsonb(t) - 'last_seen_at')::text" : "t::text";
        return `SELECT '${t}' AS name, count(*) || ':' || md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS print FROM (SELECT ${text} AS r FROM "${t}" t) s`;
      })
      .join(" UNION ALL ");
    this.last = await this.read();
  }

  private async read(): Promise<Map<string, string>> {
    const { rows } = await db.query<{ name: string; print: string }>(this.sql);
    return new Map(rows.map((r) => [r.name, r.print]));
  }

  /** The tables changed since the last call, except `allowed`; the new state becomes the baseline. */
  async changedSince(allowed: readonly string[] = []): Promise<string[]> {
    const now = await this.read();
    const changed = [...now].filter(([table, print]) => this.last.get(table) !== print && !allowed.includes(table)).map(([table]) => table);
    this.last = now;
    return changed;
  }
}

// ---------------------------------------------------------------------------------------------
// Who sends: no session, an administrator, a login in progress, and cookies no browser of ours holds

const sessionCookie = async (sid: unknown, secret = process.env.NEXTAUTH_SECRET!) => `next-auth.session-token=${await encode({ token: { sid }, secret })}`;

/** A session row as a finished login leaves it (tests/helpers/sessions.ts), and its cookie. */
async function signedIn(username: string, level: "STANDARD" | "HIGH_ASSURANCE"): Promise<{ cookie: string; sessionId: string }> {
  const sid = randomToken();
  const high = level === "HIGH_ASSURANCE";
  const { id } = await row<{ id: string }>(
    `INSERT INTO sessions (org_id, user_id, token_hash, level, login_method, high_assurance_until, ip, user_agent, expires_at, created_at, last_seen_at)
     SELECT org_id, id, $2, $3::"SessionLevel", $4::"VerificationMethod", $5, '127.0.0.1', 'hostile-input e2e', now() + interval '12 hours', now(), now()
     FROM users WHERE username = $1 RETURNING id`,
    [username, sha256Hex(sid), level, high ? "TOTP" : "PASSWORD", high ? new Date(Date.now() + 3_600_000) : null],
  );
  return { cookie: await sessionCookie(sid), sessionId: id };
}

/** The password step, replayed like the login form sends it: the `mfa_pending` cookie of a real pending login. */
async function pendingLogin(request: APIRequestContext, loginActionId: string, username: string): Promise<string> {
  const { body, contentType } = multipartBody([["_1_username", username], ["_1_password", PASSWORD], ["0", '[{},"$K1"]']]);
  const response = await request.post("/login", { headers: { "Next-Action": loginActionId, Accept: "text/x-component", Origin: BASE_URL, "Content-Type": contentType }, data: body, maxRedirects: 0 });
  const cookie = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("mfa_pending="));
  if (!cookie) throw new Error(`no pending login for ${username}: ${response.status()} ${await response.text()}`);
  return cookie.value.split(";")[0]!;
}

interface Identity {
  label: string;
  cookie?: string;
}

// ---------------------------------------------------------------------------------------------
// One probe: send, then check the three properties

const REFUSAL_REDIRECT = /^\/(login|verify\/step-up)(\?|$)/;

/** What the caller is told when an action refuses: a message, the edge's 4xx text, or "log in / verify first"; null when it went ahead. */
function refusalOf(answer: ActionAnswer): string | null {
  if (answer.status >= 400) return answer.text.trim() || null;
  if (answer.redirect) return REFUSAL_REDIRECT.test(answer.redirect) ? `redirect to ${answer.redirect}` : null;
  const results = (answer.state as { results?: { ok: boolean }[] } | undefined)?.results;
  if (results?.some((r) => r.ok)) return null;
  return messagesOf(answer.state)[0] ?? null;
}

let fingerprint: TableFingerprint;
let probes = 0;

/** The request must not answer 5xx, must be refused with something to read, and must change no row. */
async function expectRefused(label: string, send: () => Promise<ActionAnswer>, opts: { mayChange?: readonly string[]; messageless?: true } = {}) {
  probes++;
  const answer = await send();
  if (process.env.HOSTILE_INPUT_TRACE) console.log(`${label} -> ${answer.status} ${refusalOf(answer)?.slice(0, 150)}`);
  expect.soft(answer.status, `${label}: no 5xx (${answer.text.slice(0, 200)})`).toBeLessThan(500);
  if (!opts.messageless) expect.soft(refusalOf(answer), `${label}: a message, got ${answer.status} ${answer.redirect ?? ""} ${JSON.stringify(answer.state)?.slice(0, 200)}`).toBeTruthy();
  expect.soft(await fingerprint.changedSince(opts.mayChange), `${label}: no row changed`).toEqual([]);
}

/** A page or route handler: a 2xx page, a redirect, or a 4xx with a body — never 5xx — and no row changed. */
async function expectAnswered(label: string, response: APIResponse, opts: { mayChange?: readonly string[]; json?: true } = {}) {
  probes++;
  const status = response.status();
  const text = await response.text();
  if (process.env.HOSTILE_INPUT_TRACE) console.log(`${label} -> ${status} ${response.headers()["location"] ?? text.slice(0, 150)}`);
  expect.soft(status, `${label}: no 5xx (${text.slice(0, 200)})`).toBeLessThan(500);
  if (status >= 300 && status < 400) expect.soft(response.headers()["location"], `${label}: a redirect says where`).toBeTruthy();
  else if (status < 500) expect.soft(text.length, `${label}: a body to read`).toBeGreaterThan(0);
  if (opts.json && status >= 400 && status < 500) {
    const error = (() => {
      try {
        return (JSON.parse(text) as { error?: unknown }).error;
      } catch {
        return undefined;
      }
    })();
    expect.soft(typeof error === "string" && error.length > 0, `${label}: a JSON error, got ${status} ${text.slice(0, 200)}`).toBe(true);
  }
  expect.soft(await fingerprint.changedSince(opts.mayChange), `${label}: no row changed`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// What each action takes

type FieldKind = "text" | "code" | "id" | "number" | "list" | "checkbox";

interface Field {
  name: string;
  kind: FieldKind;
  /** The value sent while another field is the hostile one (a list field sends each). */
  valid: string | string[];
  /** Well-formed values that are wrong here: another org's row, someone else's row, a random uuid. */
  wrong?: Hostile[];
  /** Extra hostile values for this field only. */
  extra?: Hostile[];
  /** Sent as given, never hostile (why: said where the field is made). */
  fuzz?: false;
}

interface FormAction {
  name: string;
  /** A page that carries the action (real ids filled in). */
  path: string;
  fields: Field[];
  identities: Identity[];
}

function hostileValuesFor(field: Field): Hostile[] {
  const byKind: Record<FieldKind, Hostile[]> = {
    text: TEXT_VALUES,
    code: [...TEXT_VALUES, ...NUMBER_VALUES],
    number: [...TEXT_VALUES, ...NUMBER_VALUES],
    checkbox: TEXT_VALUES,
    id: [...TEXT_VALUES, one("not a uuid", "not-a-uuid"), one("random uuid", randomUUID())],
    list: [...TEXT_VALUES.slice(0, 3), { label: "a valid value and a NUL one", values: [(field.valid as string[])[0] ?? "x", "a\u0000b"] }],
  };
  return [...byKind[field.kind], ...(field.wrong ?? []), ...(field.extra ?? [])];
}

/** The form with one field hostile and the others as a real form would send them. */
function formWith(fields: Field[], hostileField: Field, hostile: Hostile): FormFields {
  return fields.flatMap((f): FormFields => {
    const values = f === hostileField ? hostile.values : Array.isArray(f.valid) ? f.valid : [f.valid];
    return values.map((v) => [f.name, v]);
  });
}

// ---------------------------------------------------------------------------------------------
// Shared state, filled in beforeAll

interface World {
  actions: Map<string, ServerAction>;
  anonymous: Identity;
  admin: Identity & { sessionId: string };
  /** A Standard session of a user with an authenticator app: High Assurance actions send it to step up. */
  standard: Identity;
  pendingTotp: Identity;
  pendingKey: Identity;
  pendingEnroll: Identity;
  hostileSessionCookies: Identity[];
  hostilePendingCookies: Identity[];
  ids: {
    admin: string;
    alice: string;
    globexAdmin: string;
    aliceTotp: string;
    adminTotp: string;
    globexTotp: string;
    acmeStandardProfile: string;
    globexStandardProfile: string;
    acmeEvent: string;
    globexEvent: string | null;
  };
  acmeSettings: Record<string, unknown>;
}

let world: World;

/**
 * This spec's own Acme user, made once: a failed test restarts the worker, which runs beforeAll
 * again on the same database. "Zz" sorts last, so Setup > Users' first page — where other specs
 * look for the demo users — stays as it was.
 */
async function ownUser(username: string, name: string, opts: { totp?: boolean; securityKeys?: string[] } = {}): Promise<string> {
  const { rows } = await db.query("SELECT 1 FROM users WHERE username = $1", [username]);
  if (rows.length === 0) await createUser({ username, name: `Zz ${name}`, profile: "Standard User", ...opts });
  return username;
}

test.beforeAll(async ({ playwright }) => {
  await db.connect();
  const actions = new Map(serverActionsOfBuild().map((a) => [a.name, a]));
  const totpUser = await ownUser("hostile-totp@acme.test", "Hostile Totp", { totp: true });
  const keyUser = await ownUser("hostile-key@acme.test", "Hostile Key", { securityKeys: ["Hostile key"] });
  const enrollUser = await ownUser("hostile-enroll@acme.test", "Hostile Enroll");
  const standardUser = await ownUser("hostile-standard@acme.test", "Hostile Standard", { totp: true });

  const login = await playwright.request.newContext({ baseURL: BASE_URL });
  const loginId = actions.get("loginAction")!.id;
  const [pendingTotp, pendingKey, pendingEnroll] = [await pendingLogin(login, loginId, totpUser), await pendingLogin(login, loginId, keyUser), await pendingLogin(login, loginId, enrollUser)];
  await login.dispose();

  const admin = await signedIn("admin@acme.test", "HIGH_ASSURANCE");
  const standard = await signedIn(standardUser, "STANDARD");
  const globexEvent = await db.query<{ id: string }>("SELECT e.id::text FROM verification_events e JOIN orgs o ON o.id = e.org_id WHERE o.slug = 'globex' LIMIT 1");
  world = {
    actions,
    anonymous: { label: "anonymous" },
    admin: { label: "admin", cookie: admin.cookie, sessionId: admin.sessionId },
    standard: { label: "Standard session", cookie: standard.cookie },
    pendingTotp: { label: "pending TOTP login", cookie: pendingTotp },
    pendingKey: { label: "pending security-key login", cookie: pendingKey },
    pendingEnroll: { label: "pending enrollment", cookie: pendingEnroll },
    hostileSessionCookies: [
      { label: "session cookie: not a JWT", cookie: "next-auth.session-token=garbage" },
      { label: "session cookie: broken UTF-8", cookie: "next-auth.session-token=%ED%A0%80" },
      { label: "session cookie: sid with NUL", cookie: await sessionCookie("a\u0000b") },
      { label: "session cookie: sid a number", cookie: await sessionCookie(1e308) },
      { label: "session cookie: unknown sid", cookie: await sessionCookie(randomToken()) },
      { label: "session cookie: another secret", cookie: await sessionCookie(randomToken(), "not-our-secret-not-our-secret-123") },
    ],
    hostilePendingCookies: [
      { label: "pending cookie: NUL", cookie: "mfa_pending=a%00b" },
      { label: "pending cookie: broken UTF-8", cookie: "mfa_pending=%ED%A0%80" },
      { label: "pending cookie: 4 KB", cookie: `mfa_pending=${"x".repeat(4000)}` },
      { label: "pending cookie: unknown token", cookie: `mfa_pending=${randomToken()}` },
    ],
    ids: {
      admin: await userId("admin@acme.test"),
      alice: await userId("alice@acme.test"),
      globexAdmin: await userId("admin@globex.test"),
      aliceTotp: await totpFactorId("alice@acme.test"),
      adminTotp: await totpFactorId("admin@acme.test"),
      globexTotp: await totpFactorId("admin@globex.test"),
      acmeStandardProfile: await profileId("acme", "Standard User"),
      globexStandardProfile: await profileId("globex", "Standard User"),
      acmeEvent: (await row<{ id: string }>("SELECT e.id::text FROM verification_events e JOIN orgs o ON o.id = e.org_id WHERE o.slug = 'acme' LIMIT 1")).id,
      globexEvent: globexEvent.rows[0]?.id ?? null,
    },
    // An enum array comes back from pg as its text form unless cast to text[].
    acmeSettings: await row<Record<string, unknown>>("SELECT s.*, s.high_assurance_methods::text[] AS high_assurance_methods FROM org_settings s JOIN orgs o ON o.id = s.org_id WHERE o.slug = 'acme'"),
  };
  fingerprint = new TableFingerprint();
  await fingerprint.start();
});

test.afterAll(async () => {
  // Only rows this spec made for the demo admin: its sessions, and the authenticator-app setup
  // that opening "Add authenticator app" begins (an unconfirmed row, no login attached).
  if (world) {
    await db.query("DELETE FROM sessions WHERE user_agent = 'hostile-input e2e'");
    await db.query("DELETE FROM totp_factors WHERE user_id = $1 AND verified_at IS NULL AND pending_login_id IS NULL", [world.ids.admin]);
  }
  await db.end();
});

// Each test starts from the database as it is; a change is blamed on the request that made it.
test.beforeEach(async () => {
  probes = 0;
  await fingerprint.changedSince();
});

test.afterEach(() => {
  if (probes > 0) console.log(`${test.info().title}: ${probes} requests`);
});

function actionId(name: string): string {
  const action = world.actions.get(name);
  if (!action) throw new Error(`server action ${name} is not in the build`);
  return action.id;
}

// ---------------------------------------------------------------------------------------------
// The form actions (useActionState), field by field

function formActions(): FormAction[] {
  const { ids } = world;
  const anyone = [world.anonymous, world.admin];
  const loginStep = (pending: Identity) => [world.anonymous, world.admin, pending, ...world.hostilePendingCookies.slice(0, 1)];
  const otherOrgUser: Hostile = one("Globex user's id", ids.globexAdmin);
  const ownId: Hostile = one("the admin's own id", ids.admin);
  const userField: Field = { name: "userId", kind: "id", valid: ids.alice, wrong: [otherOrgUser, ownId] };
  const reason: Field = { name: "reason", kind: "text", valid: "Phone lost" };
  // `next` is read only once the code is verified, which takes a real TOTP step of the admin (a
  // hostile code never gets that far); the same check guards GET /verify/step-up?next=, probed below.
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
  ];
  return [
    { name: "loginAction", path: "/login", identities: [world.anonymous], fields: [{ name: "username", kind: "text", valid: "hostile-nobody@acme.test" }, { name: "password", kind: "text", valid: PASSWORD }] },
    { name: "verifyTotpAction", path: "/verify/totp", identities: loginStep(world.pendingTotp), fields: [{ name: "code", kind: "code", valid: "" }] },
    { name: "verifyTempCodeAction", path: "/verify/temp-code", identities: loginStep(world.pendingTotp), fields: [{ name: "code", kind: "code", valid: "" }] },
    { name: "verifyRecoveryCodeAction", path: "/verify/recovery-code", identities: loginStep(world.pendingTotp), fields: [{ name: "code", kind: "code", valid: "" }] },
    { name: "confirmEnrollmentAction", path: "/verify/enroll/totp", identities: loginStep(world.pendingEnroll), fields: [{ name: "code", kind: "code", valid: "" }] },
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
    { name: "endSessionAction", path: "/account/security", identities: anyone, fields: [{ name: "sessionId", kind: "id", valid: "", wrong: [one("the current session", world.admin.sessionId)] }] },
    {
      name: "confirmAuthenticatorAction",
      path: "/account/security/add-authenticator",
      identities: anyone,
      fields: [{ name: "name", kind: "text", valid: "Second phone" }, { name: "code", kind: "code", valid: "123456" }],
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
    { name: "revokeSessionsAction", path: `/setup/users/${ids.alice}`, identities: anyone, fields: [{ ...userField, valid: "" }] },
    { name: "unlockUserAction", path: `/setup/users/${ids.alice}`, identities: anyone, fields: [{ ...userField, valid: "" }] },
    { name: "setUserActiveAction", path: `/setup/users/${ids.alice}`, identities: anyone, fields: [userField, { name: "active", kind: "text", valid: "false" }] },
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
        { name: "action", kind: "text", valid: "expire-temp-codes" },
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
      fields: [{ name: "profileId", kind: "id", valid: ids.acmeStandardProfile, wrong: [one("Globex profile", ids.globexStandardProfile)] }, { name: "level", kind: "text", valid: "HIGH_ASSURANCE" }],
    },
    { name: "saveSecuritySettingsAction", path: "/setup/security", identities: anyone, fields: settingsFields },
  ];
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

test("every form action refuses hostile field values: no 5xx, a message, no row changed", async ({ request }) => {
  test.setTimeout(120_000);
  const actions = formActions();
  // Each one of them is a server action of the build (a renamed action must not drop out).
  for (const a of actions) actionId(a.name);
  for (const action of actions) {
    const id = actionId(action.name);
    for (const who of action.identities) {
      const send = (fields: FormFields) => async () => {
        await request.clearCookies();
        return postFormAction(request, { baseURL: BASE_URL, path: action.path, actionId: id, fields, cookie: who.cookie });
      };
      for (const field of action.fields.filter((f) => f.fuzz !== false)) {
        for (const hostile of hostileValuesFor(field)) {
          const label = `${who.label}: POST ${action.path} ${action.name} ${field.name}=${hostile.label}`;
          const passwordReachesTheCheck = action.name === "loginAction" && field.name === "password" && hostile.label !== "600 KB";
          if (passwordReachesTheCheck) {
            // Any text may be a password: it reaches the check and counts, as a wrong password
            // does, toward the throttle of the IP and of the (unknown) username — nothing else.
            const before = await passwordFailureHits();
            await expectRefused(label, send(formWith(action.fields, field, hostile)), { mayChange: ["rate_limit_counters"] });
            expect.soft((await passwordFailureHits()) - before, `${label}: counted once per IP and once per username`).toBe(2);
          } else {
            await expectRefused(label, send(formWith(action.fields, field, hostile)));
          }
        }
      }
      // Over 1 MB the edge answers before Next.js would (with a 500) — whatever the field.
      const first = action.fields[0]!;
      await expectRefused(`${who.label}: POST ${action.path} ${action.name} ${first.name}=over 1 MB`, send(formWith(action.fields, first, one("over 1 MB", TEXT_OVER_1_MB))));
    }
  }
});

/** Unexpired password-failure hits, all subjects: a refused password adds exactly one per IP and one per username. */
async function passwordFailureHits(): Promise<number> {
  const { rows } = await db.query<{ hits: string | null }>("SELECT sum(hits)::text AS hits FROM rate_limit_counters WHERE key LIKE 'pw-%' AND expires_at > now()");
  return Number(rows[0]?.hits ?? 0);
}

// ---------------------------------------------------------------------------------------------
// The actions called with plain arguments (WebAuthn ceremonies) and the ones without input

/** JSON text of `value` with the node at `path` replaced by raw JSON `hostile` (so 1e309 is sent as such). */
function jsonWith(value: unknown, path: (string | number)[], hostile: string): string {
  const MARK = "\u0001HOSTILE\u0001";
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = MARK;
  return JSON.stringify(copy).replace(JSON.stringify(MARK), hostile);
}

// Well-formed base64url everywhere, so the schema's refusal is the hostile node's.
const AUTHENTICATION = { id: "AAAA", rawId: "AAAA", type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA", userHandle: "AAAA" } };
const REGISTRATION = { id: "AAAA", rawId: "AAAA", type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: "e30", attestationObject: "AAAA", transports: ["usb"] } };

/** Where in the arguments a hostile value goes; `valid` names the JSON_VALUES that are well-formed there (not sent). */
interface JsonPath {
  path: (string | number)[];
  valid?: string[];
}
const at = (...path: (string | number)[]): JsonPath => ({ path });
// An unknown key is dropped by the schema, so an object is well-formed where one is expected; and
// transports is a list of short lowercase words, so ["a","b"] is one.
const AUTHENTICATION_PATHS: JsonPath[] = [
  at(0),
  at(0, "id"),
  at(0, "rawId"),
  at(0, "type"),
  { path: [0, "clientExtensionResults"], valid: ["object for a scalar"] },
  at(0, "response"),
  at(0, "response", "clientDataJSON"),
  at(0, "response", "signature"),
  at(0, "response", "userHandle"),
];
const REGISTRATION_PATHS: JsonPath[] = [
  at(0),
  at(0, "name"),
  at(0, "response"),
  at(0, "response", "id"),
  at(0, "response", "response", "attestationObject"),
  { path: [0, "response", "response", "transports"], valid: ["array for a scalar"] },
  at(0, "response", "response", "transports", 0),
];

interface ArgsCase {
  label: string;
  argsJson: string;
}

function casesAt(args: unknown[], paths: JsonPath[]): ArgsCase[] {
  return paths.flatMap(({ path, valid = [] }) =>
    JSON_VALUES.filter(([label]) => !valid.includes(label)).map(([label, json]) => ({ label: `${path.slice(1).join(".") || "argument"}=${label}`, argsJson: jsonWith(args, path, json) })),
  );
}

interface ArgsAction {
  name: string;
  path: string;
  identities: Identity[];
  cases: ArgsCase[];
  /** Actions that answer nothing by design (logout): checked for no 5xx and no row changed only. */
  messageless?: true;
  /** A form action without fields: its previous state is its only input (then `cases` is empty). */
  prevStateOnly?: true;
}

function argsActions(): ArgsAction[] {
  const { anonymous, admin, standard } = world;
  const hostileArgs = JSON_VALUES.map(([label, json]) => ({ label: `argument=${label}`, argsJson: `[${json}]` }));
  const registration = { name: "Hostile key", response: REGISTRATION };
  return [
    { name: "registrationOptionsAction", path: "/verify/enroll/security-key", identities: [anonymous, world.pendingEnroll], cases: casesAt(["Key"], [at(0)]) },
    { name: "registerSecurityKeyAction", path: "/verify/enroll/security-key", identities: [anonymous, world.pendingEnroll], cases: casesAt([registration], REGISTRATION_PATHS) },
    // Its only input is the pending cookie: a real one would start a ceremony, so only hostile ones.
    { name: "securityKeyOptionsAction", path: "/verify/security-key", identities: [anonymous, admin, ...world.hostilePendingCookies], cases: hostileArgs },
    { name: "verifySecurityKeyAction", path: "/verify/security-key", identities: [anonymous, world.pendingKey], cases: casesAt([AUTHENTICATION], AUTHENTICATION_PATHS) },
    // The admin has no key: "not allowed for this session", with any arguments.
    { name: "stepUpKeyOptionsAction", path: "/verify/step-up", identities: [anonymous, admin, ...world.hostileSessionCookies], cases: hostileArgs },
    // Its `next` is read only after a verified key answer, like the step-up forms'.
    { name: "stepUpKeyAction", path: "/verify/step-up", identities: [anonymous, admin], cases: casesAt([AUTHENTICATION, "/setup/users"], AUTHENTICATION_PATHS) },
    { name: "addKeyOptionsAction", path: "/account/security/add-key", identities: [anonymous, admin], cases: casesAt(["Key"], [at(0)]) },
    { name: "addKeyAction", path: "/account/security/add-key", identities: [anonymous, admin], cases: casesAt([registration], REGISTRATION_PATHS) },
    // Form actions without fields: the previous state is their only input. Signed in, they would
    // go ahead (new recovery codes, other sessions ended), so a Standard session (step-up first)
    // and hostile cookies instead of the admin's.
    { name: "regenerateRecoveryCodesAction", path: "/account/security", identities: [anonymous, standard, ...world.hostileSessionCookies], cases: [], prevStateOnly: true },
    { name: "endOtherSessionsAction", path: "/account/security", identities: [anonymous, ...world.hostileSessionCookies], cases: [], prevStateOnly: true },
    // Logging out answers nothing; with the admin's cookie it would end the spec's session.
    { name: "logoutAction", path: "/login", identities: [anonymous, ...world.hostileSessionCookies], cases: hostileArgs, messageless: true },
  ];
}

const HOSTILE_PREV_STATES: [label: string, json: string][] = [
  ["previous state=NUL", JSON.stringify("a\u0000b")],
  ["previous state=600 KB", JSON.stringify(TEXT_600_KB)],
  ["previous state=array", "[1,2]"],
];

test("every action called with arguments, and every action without input, refuses hostile values and cookies", async ({ request }) => {
  test.setTimeout(120_000);
  for (const action of argsActions()) {
    const id = actionId(action.name);
    for (const who of action.identities) {
      const label = (what: string) => `${who.label}: POST ${action.path} ${action.name} ${what}`;
      const opts = action.messageless ? { messageless: true as const } : {};
      if (action.prevStateOnly) {
        for (const [what, prevState] of HOSTILE_PREV_STATES) {
          await expectRefused(label(what), async () => {
            await request.clearCookies();
            return postFormAction(request, { baseURL: BASE_URL, path: action.path, actionId: id, fields: [["x", "a\u0000b"]], prevState, cookie: who.cookie });
          });
        }
        continue;
      }
      for (const c of [...action.cases, { label: "over 1 MB", argsJson: `[${JSON.stringify(TEXT_OVER_1_MB)}]` }]) {
        await expectRefused(label(c.label), async () => {
          await request.clearCookies();
          return postArgsAction(request, { baseURL: BASE_URL, path: action.path, actionId: id, argsJson: c.argsJson, cookie: who.cookie });
        }, opts);
      }
    }
  }
});

// A refusal proves something only if it is the hostile value's: what is sent beside it must pass.
test("the well-formed values sent beside a hostile one pass the console's own schemas", () => {
  const formOf = (name: string) =>
    Object.fromEntries(formActions().find((a) => a.name === name)!.fields.map((f) => [f.name, f.kind === "list" ? f.valid : Array.isArray(f.valid) ? f.valid[0] : f.valid]));
  const schemas: [string, { safeParse(v: unknown): { success: boolean; error?: unknown } }][] = [
    ["loginAction", loginSchema],
    ["renameMethodAction", renameMethodSchema],
    ["createUserAction", createUserSchema],
    ["updateUserAction", userFieldsSchema],
    ["disconnectMethodAction", disconnectMethodSchema],
    ["generateTempCodeAction", generateTempCodeSchema],
    ["saveSecuritySettingsAction", securitySettingsSchema],
  ];
  for (const [name, schema] of schemas) {
    const parsed = schema.safeParse(formOf(name));
    expect(parsed.success, `${name}: ${JSON.stringify(parsed.error)}`).toBe(true);
  }
  expect(authenticationResponseSchema.safeParse(AUTHENTICATION).success).toBe(true);
  expect(registrationResponseSchema.safeParse(REGISTRATION).success).toBe(true);
  expect(keyNameSchema.safeParse("Hostile key").success).toBe(true);
});

/** Every page.tsx or route.ts under app/ as a URL pattern ("/setup/users/[id]"; route groups are not in URLs). */
function appRoutes(file: "page.tsx" | "route.ts"): string[] {
  return readdirSync("app", { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === file)
    .map((f) => "/" + path.dirname(f).split(path.sep).filter((s) => s !== "." && !/^\(.*\)$/.test(s)).join("/"));
}

const matches = (pattern: string, urlPath: string) =>
  new RegExp(`^${pattern.replace(/\[\.\.\.\w+\]/g, ".+").replace(/\[\w+\]/g, "[^/]+")}$`).test(urlPath.split("?")[0]!);

// A new action, page or route handler must not slip past this spec unprobed.
test("every server action, page and route handler of the build is probed", () => {
  const probed = new Set([...formActions().map((a) => a.name), ...argsActions().map((a) => a.name)]);
  const missing = [...world.actions.values()].filter((a) => !probed.has(a.name)).map((a) => `${a.file}#${a.name}`);
  expect(missing, "server actions without hostile probes").toEqual([]);
  const pagePaths = pageProbes().map((p) => p.path);
  expect(appRoutes("page.tsx").filter((pattern) => !pagePaths.some((p) => matches(pattern, p))), "pages without hostile probes").toEqual([]);
  expect(appRoutes("route.ts").filter((pattern) => !ROUTE_HANDLER_PATHS.some((p) => matches(pattern, p))), "route handlers without hostile probes").toEqual([]);
});

// The envelope rather than a field: the previous state and the arguments are decoded by Next.js
// (React's reply format) before any action runs. scripts/http-edge.mjs already answers 4xx where
// Next's own answer would be a 500 (a body over 1 MB); these must get a 4xx as well.
test("a malformed action request is refused with a 4xx, not a 500", async ({ request }) => {
  const login = actionId("loginAction");
  const options = actionId("registrationOptionsAction");
  const raw = async (label: string, path: string, headers: Record<string, string>, data: Buffer | string) =>
    expectRefused(label, async () => {
      await request.clearCookies();
      return readActionAnswer(await request.post(path, { headers: { Accept: "text/x-component", Origin: BASE_URL, ...headers }, data, maxRedirects: 0 }));
    });
  const form = (fields: FormFields) => multipartBody(fields);
  const fields: FormFields = [["_1_username", "a"], ["_1_password", "b"]];
  for (const [label, body] of [
    ["previous state not JSON", form([...fields, ["0", "[garbage"]])],
    ["no previous state", form(fields)],
    ["previous state a reference to nothing", form([...fields, ["0", '[{},"$K9"]']])],
  ] as const) {
    await raw(`anonymous: POST /login loginAction ${label}`, "/login", { "Next-Action": login, "Content-Type": body.contentType }, body.body);
  }
  for (const [label, json] of [
    ["arguments not JSON", "not json"],
    ["arguments a reference to themselves", '["$@0"]'],
    ["arguments a reference to a missing row", '["$Q5"]'],
  ]) {
    await raw(`anonymous: POST /verify/enroll/security-key registrationOptionsAction ${label}`, "/verify/enroll/security-key", { "Next-Action": options, "Content-Type": "text/plain;charset=UTF-8" }, json!);
  }
  await raw("anonymous: POST /login unknown action id", "/login", { "Next-Action": "00".repeat(21), "Content-Type": "text/plain;charset=UTF-8" }, "[]");
  await raw("anonymous: POST /login action id with NUL", "/login", { "Next-Action": "a%00b", "Content-Type": "text/plain;charset=UTF-8" }, "[]");
  await raw("anonymous: POST /login from another site", "/login", { "Next-Action": login, "Content-Type": "text/plain;charset=UTF-8", Origin: "http://evil.test" }, "[]");
});

// ---------------------------------------------------------------------------------------------
// Pages and route handlers

/** Query strings every page gets: a NUL and broken UTF-8 in a parameter no page reads, and a repeated one. */
const ANY_PAGE_QUERIES = ["?x=%00", "?x=%ED%A0%80", "?x[]=1&x[]=2"];

const b64 = (s: string) => Buffer.from(s).toString("base64url");

/** application/x-www-form-urlencoded, byte by byte: raw bytes (invalid UTF-8) stay as they are. */
function urlEncoded(fields: FormFields): string {
  const encode = (v: FieldValue) => [...Buffer.from(v)].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
  return fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
}

interface PageProbe {
  path: string;
  queries: string[];
  mayChange?: string[];
  /** A hostile path itself: the generic query strings add nothing there. */
  hostilePath?: true;
}

function pageProbes(): PageProbe[] {
  const { ids } = world;
  const userCursors = [
    "garbage!!",
    b64(JSON.stringify(["a\u0000b", randomUUID()])),
    b64(JSON.stringify(["a\ud800b", randomUUID()])),
    b64(JSON.stringify(["x", "-".repeat(36)])),
    b64(JSON.stringify([1, 2])),
  ];
  const eventCursors = ["garbage!!", b64("1.9999999999999999999"), b64("999999999999999.1"), b64("-1.-1"), "x".repeat(65)];
  const hostileUserIds = [ids.globexAdmin, ids.admin, "not-a-uuid", randomUUID(), "%00", "%ED%A0%80", "%", "x".repeat(5000)];
  const hostileEventIds = [...(ids.globexEvent ? [ids.globexEvent] : []), "-1", "1e309", "NaN", "99999999999999999999", "%00", "%ED%A0%80"];
  const perUser = (suffix: string, queries: string[] = []): PageProbe[] => [
    { path: `/setup/users/${ids.alice}${suffix}`, queries: ["", ...queries] },
    ...hostileUserIds.map((id) => ({ path: `/setup/users/${id}${suffix}`, queries: [""], hostilePath: true as const })),
  ];
  return [
    { path: "/", queries: [""] },
    { path: "/no-such-page", queries: [""] },
    { path: "/login", queries: ["", "?callbackUrl=http://[::1", "?callbackUrl=%00&error=%00"] },
    { path: "/verify", queries: [""] },
    { path: "/verify/totp", queries: [""] },
    { path: "/verify/temp-code", queries: [""] },
    { path: "/verify/recovery-code", queries: [""] },
    { path: "/verify/security-key", queries: [""] },
    { path: "/verify/enroll", queries: [""] },
    // Opening it begins the enrollment's authenticator-app setup: one unconfirmed factor per login.
    { path: "/verify/enroll/totp", queries: [""], mayChange: ["totp_factors"] },
    { path: "/verify/enroll/security-key", queries: [""] },
    { path: "/verify/step-up", queries: ["", "?next=%00", "?next=%ED%A0%80", "?next=//evil.test", "?next=http://[::1", `?next=/${"x".repeat(3000)}`, "?method=%00&next[]=a&next[]=b"] },
    { path: "/account/security", queries: ["", "?notice=%00&confirm=%ED%A0%80", "?notice[]=a&confirm[]=b", `?confirm=${"x".repeat(3000)}`] },
    // Opening it begins the signed-in user's authenticator-app setup (one unconfirmed factor).
    { path: "/account/security/add-authenticator", queries: [""], mayChange: ["totp_factors"] },
    { path: "/account/security/add-key", queries: [""] },
    { path: "/setup", queries: [""] },
    {
      path: "/setup/users",
      queries: [
        "",
        "?q=%00",
        "?q=%ED%A0%80",
        `?q=${"x".repeat(101)}`,
        "?status[]=x",
        "?status=active&status=inactive",
        "?profile=not-a-uuid&mfa=%00",
        `?profile=${ids.globexStandardProfile}`,
        ...userCursors.flatMap((c) => [`?after=${c}`, `?before=${c}`]),
      ],
    },
    { path: "/setup/users/new", queries: [""] },
    ...perUser(""),
    ...perUser("/edit"),
    ...perUser("/lost-device"),
    ...perUser("/temp-code", ["?from=%00"]),
    { path: "/setup/profiles", queries: [""] },
    { path: "/setup/security", queries: [""] },
    {
      path: "/setup/activity",
      queries: [
        "",
        "?to=9999-12-31&from=0000-01-01&tz=%00",
        "?from=2026-02-30",
        "?from=9999-12-31",
        "?to=0000-01-01",
        "?tz=Mars/Olympus_Mons",
        "?user=%00&activity=%00&method=%ED%A0%80",
        `?user=${ids.globexAdmin}`,
        "?status=FAILED&status=SUCCEEDED",
        "?status[]=FAILED",
        ...eventCursors.flatMap((c) => [`?older=${c}`, `?newer=${c}`]),
      ],
    },
    { path: `/setup/activity/${ids.acmeEvent}`, queries: ["", "?user=%00&from=9999-12-31&older=garbage"] },
    ...hostileEventIds.map((id) => ({ path: `/setup/activity/${id}`, queries: [""], hostilePath: true as const })),
  ];
}

/** Who opens a page: anyone and the admin; a login step also with its real pending login, and with forged pending cookies (plain path only). */
function identitiesFor(path: string): { who: Identity; plainOnly?: true }[] {
  const everyone = [{ who: world.anonymous }, { who: world.admin }];
  if (!path.startsWith("/verify") || path === "/verify/step-up") return everyone;
  const pending = path.startsWith("/verify/enroll") ? world.pendingEnroll : path === "/verify/security-key" ? world.pendingKey : world.pendingTotp;
  return [...everyone, { who: pending }, ...world.hostilePendingCookies.map((who) => ({ who, plainOnly: true as const }))];
}

test("every page answers hostile paths, query parameters and cookies without a 5xx or a changed row", async ({ request }) => {
  test.setTimeout(120_000);
  const get = async (path: string, cookie?: string) => {
    await request.clearCookies();
    return request.get(path, { headers: cookie ? { Cookie: cookie } : {}, maxRedirects: 0 });
  };
  for (const page of pageProbes()) {
    for (const { who, plainOnly } of identitiesFor(page.path)) {
      const queries = plainOnly ? [""] : [...page.queries, ...(page.hostilePath ? [] : ANY_PAGE_QUERIES)];
      for (const query of queries) {
        await expectAnswered(`${who.label}: GET ${page.path.slice(0, 120)}${query.slice(0, 120)}`, await get(page.path + query, who.cookie), { mayChange: page.mayChange });
      }
    }
  }
  // A session cookie no login made is no session, on any page.
  for (const who of world.hostileSessionCookies) {
    for (const path of ["/", "/setup/users", "/account/security", "/verify/step-up"]) await expectAnswered(`${who.label}: GET ${path}`, await get(path, who.cookie));
  }
});

/** The route handlers the test below sends to. */
const ROUTE_HANDLER_PATHS = ["/setup/activity/users", "/setup/activity/export", "/api/auth/callback/login-ticket"];

test("the route handlers answer hostile input with a 4xx and a JSON error", async ({ request }) => {
  test.setTimeout(60_000);
  const send = async (method: "GET" | "POST", path: string, opts: { cookie?: string; headers?: Record<string, string>; data?: Buffer | string } = {}) => {
    await request.clearCookies();
    return request.fetch(path, { method, headers: { Origin: BASE_URL, ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...opts.headers }, data: opts.data, maxRedirects: 0 });
  };
  const { ids } = world;

  // The history's user type-ahead.
  for (const who of [world.anonymous, world.admin]) {
    for (const query of ["?q=%00", "?q=%ED%A0%80", `?q=${"x".repeat(101)}`, "?q[]=x", "?q=%00&q=a"]) {
      await expectAnswered(`${who.label}: GET /setup/activity/users${query}`, await send("GET", `/setup/activity/users${query}`, { cookie: who.cookie }), { json: true });
    }
  }

  // The CSV export: a POST of the history's filters; a GET is no way to start one.
  const exportFields: Record<string, Hostile[]> = {
    user: [...TEXT_VALUES, one("not a uuid", "not-a-uuid")],
    activity: TEXT_VALUES,
    method: TEXT_VALUES,
    status: TEXT_VALUES,
    from: [...TEXT_VALUES, ...FAR_DATES],
    to: [...TEXT_VALUES, ...FAR_DATES],
    tz: [...TEXT_VALUES, one("no such zone", "Mars/Olympus_Mons")],
  };
  for (const who of [world.anonymous, world.admin]) {
    await expectAnswered(`${who.label}: GET /setup/activity/export`, await send("GET", "/setup/activity/export", { cookie: who.cookie }), { json: true });
    for (const [name, values] of Object.entries(exportFields)) {
      for (const hostile of values) {
        const { body, contentType } = multipartBody(hostile.values.map((v) => [name, v]));
        await expectAnswered(`${who.label}: POST /setup/activity/export ${name}=${hostile.label}`, await send("POST", "/setup/activity/export", { cookie: who.cookie, headers: { "Content-Type": contentType }, data: body }), { json: true });
      }
    }
    await expectAnswered(`${who.label}: POST /setup/activity/export as JSON`, await send("POST", "/setup/activity/export", { cookie: who.cookie, headers: { "Content-Type": "application/json" }, data: '{"from":"9999-12-31"}' }), { json: true });
    await expectAnswered(
      `${who.label}: POST /setup/activity/export urlencoded tz=%00`,
      await send("POST", "/setup/activity/export", { cookie: who.cookie, headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: "tz=%00&from=0000-01-01" }),
      { json: true },
    );
    const overLimit = multipartBody([["from", TEXT_OVER_1_MB]]);
    await expectAnswered(`${who.label}: POST /setup/activity/export over 1 MB`, await send("POST", "/setup/activity/export", { cookie: who.cookie, headers: { "Content-Type": overLimit.contentType }, data: overLimit.body }));
  }
  // Well-formed ids of no user of this org are a valid filter: an export of nothing, recorded as
  // an export (one event) — and never a row of the other org.
  for (const [label, user] of [["random uuid", randomUUID()], ["Globex user's id", ids.globexAdmin]]) {
    const { body, contentType } = multipartBody([["user", user!]]);
    const response = await send("POST", "/setup/activity/export", { cookie: world.admin.cookie, headers: { "Content-Type": contentType }, data: body });
    const csv = await response.text();
    expect.soft(response.status(), `admin: POST /setup/activity/export user=${label}`).toBe(200);
    expect.soft(csv.trim().split("\n"), `admin: POST /setup/activity/export user=${label}: the header row only`).toHaveLength(1);
    expect.soft(await fingerprint.changedSince(["verification_events"]), `admin: POST /setup/activity/export user=${label}: only the export's event`).toEqual([]);
    probes++;
  }

  // next-auth: what no browser of ours sends.
  const csrf = await send("GET", "/api/auth/csrf");
  const csrfToken = ((await csrf.json()) as { csrfToken: string }).csrfToken;
  const csrfCookie = csrf.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("csrf-token"))!.value.split(";")[0]!;
  await fingerprint.changedSince();
  for (const who of [world.anonymous, world.admin]) {
    // What lib/next/auth-route-guard.ts refuses answers a JSON error.
    for (const path of [
      "/api/auth/callback/login-ticket",
      "/api/auth/callback/login-ticket?ticket=%00",
      "/api/auth/signin?callbackUrl=http://[::1",
      "/api/auth/signin?callbackUrl=%00",
      "/api/auth/signin/login-ticket?callbackUrl=//evil.test",
    ]) {
      await expectAnswered(`${who.label}: GET ${path}`, await send("GET", path, { cookie: who.cookie }), { json: true });
    }
    // The rest goes to next-auth, whose own refusals are plain text (or a redirect to /login).
    for (const path of ["/api/auth/session", "/api/auth/providers", "/api/auth/error?error=%00", "/api/auth/error?error=%ED%A0%80", "/api/auth/nonexistent", "/api/auth/%ED%A0%80"]) {
      await expectAnswered(`${who.label}: GET ${path}`, await send("GET", path, { cookie: who.cookie }));
    }
    await expectAnswered(
      `${who.label}: GET /api/auth/session with a remembered callback URL http://[::1`,
      await send("GET", "/api/auth/session", { cookie: [who.cookie, "next-auth.callback-url=http://[::1"].filter(Boolean).join("; ") }),
      { json: true },
    );
  }
  const ticketCookies = (pending?: string) => [csrfCookie, pending].filter(Boolean).join("; ");
  for (const pending of [undefined, world.pendingTotp.cookie]) {
    for (const hostile of [...TEXT_VALUES, one("unknown ticket", randomToken())]) {
      const form = urlEncoded([["csrfToken", csrfToken], ...hostile.values.map((v): [string, FieldValue] => ["ticket", v])]);
      await expectAnswered(
        `${pending ? "pending login" : "anonymous"}: POST /api/auth/callback/login-ticket ticket=${hostile.label}`,
        await send("POST", "/api/auth/callback/login-ticket", { cookie: ticketCookies(pending), headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: form }),
      );
    }
  }
  for (const callbackUrl of ["http://[::1", "%00", "//evil.test"]) {
    await expectAnswered(
      `anonymous: POST /api/auth/signout callbackUrl=${callbackUrl}`,
      await send("POST", "/api/auth/signout", { cookie: csrfCookie, headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: `csrfToken=${csrfToken}&callbackUrl=${encodeURIComponent(callbackUrl)}` }),
      { json: true },
    );
  }
});
