// Runs once before the integration tests: says which database server they use. With no
// TEST_DATABASE_URL and nothing listening on 127.0.0.1:5432, it sets MFA_TEST_PGLITE=1
// (inherited by the test workers, which start afterwards) so tests that can run on embedded
// PGlite do, instead of every test failing on a connection error.
import pg from "pg";
import { DEFAULT_TEST_SERVER_URL } from "./pg";

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

export default async function setup(): Promise<void> {
  if (process.env.MFA_TEST_PGLITE === "1") {
    console.log("[tests] database: in-memory PGlite (MFA_TEST_PGLITE=1)");
    return;
  }
  if (process.env.TEST_DATABASE_URL) {
    // Explicitly configured: never fall back silently; a wrong URL should fail the tests.
    console.log(`[tests] database server: TEST_DATABASE_URL (${redact(process.env.TEST_DATABASE_URL)})`);
    return;
  }
  const client = new pg.Client({ connectionString: DEFAULT_TEST_SERVER_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    console.log(`[tests] database server: ${DEFAULT_TEST_SERVER_URL}`);
  } catch (error) {
    process.env.MFA_TEST_PGLITE = "1";
    console.log(
      `[tests] no Postgres at ${DEFAULT_TEST_SERVER_URL} (${(error as Error).message}); ` +
        "falling back to in-memory PGlite where tests support it",
    );
  } finally {
    await client.end().catch(() => {});
  }
}
