// Runs once before the integration tests: says which database server they use. With no
// TEST_DATABASE_URL and nothing listening on 127.0.0.1:5432, it sets MFA_TEST_PGLITE=1
// (inherited by the test workers, which start afterwards) so tests that can run on embedded
// PGlite do, instead of every test failing on a connection error.
//
// On Postgres it also migrates one template database (MFA_TEST_TEMPLATE_DB): each test file's
// database is a copy of it (tests/helpers/test-db.ts), and the teardown drops it.
import pg from "pg";
import { applyMigrations, pgRunner } from "@/lib/db/migrate";
import { createTestDatabase, DEFAULT_TEST_SERVER_URL, testServerUrl } from "./pg";

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.MFA_TEST_PGLITE === "1") {
    console.log("[tests] database: in-memory PGlite (MFA_TEST_PGLITE=1)");
    return;
  }
  if (process.env.TEST_DATABASE_URL) {
    // Explicitly configured: never fall back silently; a wrong URL should fail the tests.
    console.log(`[tests] database server: TEST_DATABASE_URL (${redact(process.env.TEST_DATABASE_URL)})`);
    return migratedTemplate();
  }
  const client = new pg.Client({ connectionString: DEFAULT_TEST_SERVER_URL, connectionTimeoutMillis: 2000 });
  let reachable = false;
  try {
    await client.connect();
    await client.query("SELECT 1");
    console.log(`[tests] database server: ${DEFAULT_TEST_SERVER_URL}`);
    reachable = true;
  } catch (error) {
    process.env.MFA_TEST_PGLITE = "1";
    console.log(
      `[tests] no Postgres at ${DEFAULT_TEST_SERVER_URL} (${(error as Error).message}); ` + "falling back to in-memory PGlite where tests support it",
    );
  } finally {
    await client.end().catch(() => {});
  }
  if (reachable) return migratedTemplate();
}

/** Migrates the template the test files copy; returns the teardown that drops it. */
async function migratedTemplate(): Promise<() => Promise<void>> {
  const { url, drop } = await createTestDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyMigrations({ runner: pgRunner(client) });
  } finally {
    // A template may have no open connection while it is copied.
    await client.end();
  }
  process.env.MFA_TEST_TEMPLATE_DB = new URL(url).pathname.slice(1);
  console.log(`[tests] each file's database is a copy of ${process.env.MFA_TEST_TEMPLATE_DB} on ${new URL(testServerUrl()).host}`);
  return drop;
}
