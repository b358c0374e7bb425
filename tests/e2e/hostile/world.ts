// Who sends the hostile requests — no session, a High Assurance administrator, a Standard
// session, real pending logins, and cookies no browser of ours holds — and the ids they aim at.
// Each hostile spec file calls setUpHostileWorld() and gets its own world, made in its beforeAll
// and cleaned up in its afterAll: either file runs alone, and neither leaves sessions behind for
// the specs that follow on the same database.
import { test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { randomToken, sha256Hex } from "@/lib/security/tokens";
import { multipartBody, serverActionsOfBuild, type ServerAction } from "../../helpers/server-action";
import { createUser } from "../fixtures";
import { probes } from "./answers";
import { connectDatabase, disconnectDatabase, fingerprint, makeApiToken, ownWebhook, profileId, query, row, totpFactorId, userId } from "./database";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
export const PASSWORD = "demo-password-1";

export interface Identity {
  label: string;
  cookie?: string;
}

export interface World {
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
  /** A revoked token of Acme's integration user: refused by the API, and by Revoke a second time. */
  revokedApiToken: { token: string; id: string };
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
    apiUser: string;
    globexApiToken: string;
    /** Paused endpoints (nothing is queued for them) and a finished delivery of Globex's. */
    acmeWebhook: string;
    globexWebhook: string;
    globexDelivery: string;
  };
  acmeSettings: Record<string, unknown>;
}

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
  const { body, contentType } = multipartBody([
    ["_1_username", username],
    ["_1_password", PASSWORD],
    ["0", '[{},"$K1"]'],
  ]);
  const response = await request.post("/login", {
    headers: { "Next-Action": loginActionId, Accept: "text/x-component", Origin: BASE_URL, "Content-Type": contentType },
    data: body,
    maxRedirects: 0,
  });
  const cookie = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("mfa_pending="));
  if (!cookie) throw new Error(`no pending login for ${username}: ${response.status()} ${await response.text()}`);
  return cookie.value.split(";")[0]!;
}

/**
 * The specs' own Acme user, made once: a second spec file — or a failed test, which restarts the
 * worker and runs beforeAll again — finds it on the same database. "Zz" sorts last, so Setup >
 * Users' first page — where other specs look for the demo users — stays as it was.
 */
async function ownUser(username: string, name: string, opts: { totp?: boolean; securityKeys?: string[] } = {}): Promise<string> {
  const { rows } = await query("SELECT 1 FROM users WHERE username = $1", [username]);
  if (rows.length === 0) await createUser({ username, name: `Zz ${name}`, profile: "Standard User", ...opts });
  return username;
}

async function makeWorld(playwright: PlaywrightWorkerArgs["playwright"]): Promise<World> {
  const actions = new Map(serverActionsOfBuild().map((a) => [a.name, a]));
  const totpUser = await ownUser("hostile-totp@acme.test", "Hostile Totp", { totp: true });
  const keyUser = await ownUser("hostile-key@acme.test", "Hostile Key", { securityKeys: ["Hostile key"] });
  const enrollUser = await ownUser("hostile-enroll@acme.test", "Hostile Enroll");
  const standardUser = await ownUser("hostile-standard@acme.test", "Hostile Standard", { totp: true });

  const login = await playwright.request.newContext({ baseURL: BASE_URL });
  const loginId = actions.get("loginAction")!.id;
  const [pendingTotp, pendingKey, pendingEnroll] = [
    await pendingLogin(login, loginId, totpUser),
    await pendingLogin(login, loginId, keyUser),
    await pendingLogin(login, loginId, enrollUser),
  ];
  await login.dispose();

  const admin = await signedIn("admin@acme.test", "HIGH_ASSURANCE");
  const standard = await signedIn(standardUser, "STANDARD");
  const revokedApiToken = await makeApiToken("api@acme.test", "revoked", { revoked: true });
  const globexApiToken = await makeApiToken("admin@globex.test", "Globex");
  const acmeWebhook = await ownWebhook("acme");
  const globexWebhook = await ownWebhook("globex");
  const globexDelivery = await row<{ id: string }>(
    "INSERT INTO webhook_deliveries (org_id, endpoint_id, status, attempts) SELECT org_id, id, 'FAILED', 1 FROM webhook_endpoints WHERE id = $1 RETURNING id",
    [globexWebhook],
  );
  const globexEvent = await query<{ id: string }>(
    "SELECT e.id::text FROM verification_events e JOIN orgs o ON o.id = e.org_id WHERE o.slug = 'globex' LIMIT 1",
  );
  return {
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
    revokedApiToken,
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
      apiUser: await userId("api@acme.test"),
      globexApiToken: globexApiToken.id,
      acmeWebhook,
      globexWebhook,
      globexDelivery: globexDelivery.id,
    },
    // An enum array comes back from pg as its text form unless cast to text[].
    acmeSettings: await row<Record<string, unknown>>(
      "SELECT s.*, s.high_assurance_methods::text[] AS high_assurance_methods FROM org_settings s JOIN orgs o ON o.id = s.org_id WHERE o.slug = 'acme'",
    ),
  };
}

let current: World | undefined;

/** The world of the running spec file. */
export function world(): World {
  if (!current) throw new Error("no hostile world: call setUpHostileWorld() in the spec file");
  return current;
}

export function actionId(name: string): string {
  const action = world().actions.get(name);
  if (!action) throw new Error(`server action ${name} is not in the build`);
  return action.id;
}

/** Registers the spec file's hooks: the world and the table baseline before, the cleanup after. */
export function setUpHostileWorld(): void {
  test.beforeAll(async ({ playwright }) => {
    await connectDatabase();
    current = await makeWorld(playwright);
    await fingerprint.start();
  });

  test.afterAll(async () => {
    // Only rows this spec made for the demo admin: its sessions, and the authenticator-app setup
    // that opening "Add authenticator app" begins (an unconfirmed row, no login attached); and its API tokens.
    if (current) {
      await query("DELETE FROM sessions WHERE user_agent = 'hostile-input e2e'");
      await query("DELETE FROM api_tokens WHERE name LIKE 'Hostile e2e %'");
      await query("DELETE FROM webhook_endpoints WHERE description = 'Hostile e2e endpoint'");
      await query("DELETE FROM totp_factors WHERE user_id = $1 AND verified_at IS NULL AND pending_login_id IS NULL", [current.ids.admin]);
    }
    current = undefined;
    await disconnectDatabase();
  });

  // Each test starts from the database as it is; a change is blamed on the request that made it.
  test.beforeEach(async () => {
    probes.count = 0;
    await fingerprint.changedSince();
  });

  test.afterEach(() => {
    if (probes.count > 0) console.log(`${test.info().title}: ${probes.count} requests`);
  });
}
