// A fresh, migrated database per test file: a new database on the test Postgres server, or an
// in-memory PGlite when no server is reachable (global-setup prints which).
import pg from "pg";
import { PrismaClient } from "@db/generated";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations, pgRunner, pgliteRunner } from "@/lib/db/migrate";
import type { Db } from "@/lib/db/client";
import { createTestDatabase } from "./pg";
import { openPglite } from "@/lib/db/pglite";
import { statementName } from "@/lib/db/prepared-statements";

export interface TestDb {
  db: Db;
  /** The connection string, for other processes on the same database (Postgres only). */
  url?: string;
  /** Raw SQL on the same database, for checks that must bypass Prisma. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function createMigratedDb(): Promise<TestDb> {
  if (process.env.MFA_TEST_PGLITE === "1") return createPgliteDb();
  // Under Vitest, global-setup.ts migrated a template once: each file's database is a copy of it.
  // Benchmarks and scripts have no template and migrate their own (the runner's own tests do too).
  const template = process.env.MFA_TEST_TEMPLATE_DB;
  const { url, drop } = await createTestDatabase({ template });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  if (!template) await applyMigrations({ runner: pgRunner(client) });
  // Named like the server's (lib/db/client.ts): the tests run the prepared statements it runs.
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 25 }, { statementNameGenerator: statementName }) });
  return {
    db,
    url,
    sql: async (text, params) => (await client.query(text, params)).rows,
    close: async () => {
      await db.$disconnect();
      await client.end();
      await drop();
    },
  };
}

async function createPgliteDb(): Promise<TestDb> {
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const lite = await openPglite();
  await applyMigrations({ runner: pgliteRunner(lite) });
  const db = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    db,
    sql: async (text, params) => (await lite.query(text, params)).rows as never,
    close: async () => {
      await db.$disconnect();
      await lite.close();
    },
  };
}
