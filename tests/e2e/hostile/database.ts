// The database behind the hostile-input specs: the ids their probes aim at, and a fingerprint of
// every table, so a refused request that changed a row anyway is caught and blamed on itself.
import pg from "pg";
import { newApiToken } from "@/lib/api-tokens/token-format";

// A new client for each spec file's beforeAll: spec files run one after the other in the same
// worker, which loads this module once, and a pg.Client cannot connect again once ended.
let client: pg.Client | undefined;

export async function connectDatabase(): Promise<void> {
  client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
}

export async function disconnectDatabase(): Promise<void> {
  await client?.end();
  client = undefined;
}

export function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
  if (!client) throw new Error("the hostile-input database is not connected (connectDatabase in beforeAll)");
  return client.query<R>(sql, params);
}

export async function row<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await query(sql, params);
  if (!rows[0]) throw new Error(`no row for ${sql} ${JSON.stringify(params)}`);
  return rows[0] as T;
}
export const userId = (username: string) => row<{ id: string }>("SELECT id FROM users WHERE username = $1", [username]).then((r) => r.id);
export const totpFactorId = (username: string) =>
  row<{ id: string }>("SELECT t.id FROM totp_factors t JOIN users u ON u.id = t.user_id WHERE u.username = $1 AND t.verified_at IS NOT NULL", [username]).then(
    (r) => r.id,
  );
export const profileId = (orgSlug: string, name: string) =>
  row<{ id: string }>("SELECT p.id FROM profiles p JOIN orgs o ON o.id = p.org_id WHERE o.slug = $1 AND p.name = $2", [orgSlug, name]).then((r) => r.id);

/**
 * An API token made directly, as tests/helpers/api.ts's makeToken does: only its SHA-256 is
 * stored; the three console scopes. Named "Hostile e2e …": setUpHostileWorld's afterAll removes it.
 */
export async function makeApiToken(username: string, name: string, opts: { revoked?: true } = {}): Promise<{ token: string; id: string }> {
  const { token, tokenHash, prefix } = newApiToken();
  const { id } = await row<{ id: string }>(
    `INSERT INTO api_tokens (org_id, name, prefix, token_hash, permissions, acting_user_id, revoked_at)
     SELECT org_id, $2, $3, $4, '{MANAGE_USERS,MANAGE_MFA,VIEW_VERIFICATION_ACTIVITY}', id, $5 FROM users WHERE username = $1 RETURNING id`,
    [username, `Hostile e2e ${name}`, prefix, tokenHash, opts.revoked ? new Date() : null],
  );
  return { token, id };
}

/**
 * A paused webhook endpoint of the org (made once per spec file, removed by its afterAll): paused,
 * so the events the probes cause queue nothing for it and the worker leaves the tables alone. Its
 * secret is no ciphertext of ours: no probe may ever get as far as reading it.
 */
export async function ownWebhook(orgSlug: string): Promise<string> {
  const found = await query<{ id: string }>(
    "SELECT e.id FROM webhook_endpoints e JOIN orgs o ON o.id = e.org_id WHERE o.slug = $1 AND e.description = 'Hostile e2e endpoint'",
    [orgSlug],
  );
  if (found.rows[0]) return found.rows[0].id;
  return (
    await row<{ id: string }>(
      `INSERT INTO webhook_endpoints (org_id, url, description, secret_ciphertext, is_active, paused_reason)
       SELECT id, 'https://siem.example.com/hooks/mfa', 'Hostile e2e endpoint', 'v1.not.a.secret', false, 'ADMIN' FROM orgs WHERE slug = $1 RETURNING id`,
      [orgSlug],
    )
  ).id;
}

/** Unexpired password-failure hits, all subjects: a refused password adds exactly one per IP and one per username. */
export async function passwordFailureHits(): Promise<number> {
  const { rows } = await query<{ hits: string | null }>("SELECT sum(hits)::text AS hits FROM rate_limit_counters WHERE key LIKE 'pw-%' AND expires_at > now()");
  return Number(rows[0]?.hits ?? 0);
}

/**
 * Every public table's row count and an md5 of its rows, read in one statement. A session's
 * last_seen_at is left out: validating a session writes it at most once a minute by design
 * (lib/auth/session.ts), refused request or not; every other column of every row counts.
 * verification_events is append-only — the database refuses UPDATE, DELETE and TRUNCATE on it
 * (tests/integration/migrations.test.ts) — so its count and last id say whether a row
 * was added, without hashing the thousands of rows the probes' API calls leave, on every probe.
 */
class TableFingerprint {
  private sql = "";
  private last = new Map<string, string>();

  /** Reads the tables anew (each spec file starts it in its beforeAll) and takes the baseline. */
  async start(): Promise<void> {
    const { rows } = await query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1",
    );
    this.sql = rows
      .map(({ table_name: t }) => {
        if (t === "verification_events") return `SELECT '${t}' AS name, count(*) || ':' || coalesce(max(id), 0) AS print FROM "${t}"`;
        const text = t === "sessions" ? "(to_jsonb(t) - 'last_seen_at')::text" : "t::text";
        return `SELECT '${t}' AS name, count(*) || ':' || md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS print FROM (SELECT ${text} AS r FROM "${t}" t) s`;
      })
      .join(" UNION ALL ");
    this.last = await this.read();
  }

  private async read(): Promise<Map<string, string>> {
    const { rows } = await query<{ name: string; print: string }>(this.sql);
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

export const fingerprint = new TableFingerprint();
