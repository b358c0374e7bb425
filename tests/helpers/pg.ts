// Fresh, throwaway Postgres databases for integration tests: each test file (or test) gets its
// own database, so files can run in parallel and nothing depends on what another test left.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const DEFAULT_TEST_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Set by global-setup.ts when no Postgres is reachable; tests then use in-memory PGlite. */
export const usePglite = process.env.MFA_TEST_PGLITE === "1";

export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER_URL;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database name of lower-case letters, digits and underscores only, so it never needs escaping. */
export function testDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/**
 * Creates a database on the TEST_DATABASE_URL server: empty (no migrations applied), or a copy of
 * `template` — a copy takes ~0.2 s where applying every migration takes 1–2 s.
 */
export async function createTestDatabase(opts: { template?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = testDatabaseName("mfa_test");
  if (opts.template && !/^[a-z0-9_]+$/.test(opts.template)) throw new Error(`not a test template name: ${opts.template}`);
  await withAdmin((c) => c.query(opts.template ? `CREATE DATABASE "${name}" TEMPLATE "${opts.template}"` : `CREATE DATABASE "${name}"`));
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE ends sessions a failed test may have left open (Postgres 13+).
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
