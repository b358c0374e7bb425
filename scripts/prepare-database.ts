// Applies pending migrations and (optionally) the demo seed, then closes the connection, so the
// server process can open the embedded database on its own.
import pg from "pg";
import { config } from "@/lib/config";
import { applyMigrations, pgRunner, pgliteRunner } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/client";
import { openPglite } from "@/lib/db/pglite";
import { ensureDemoApiToken, seedDemo } from "@/lib/seed/demo";

/** `demoApiToken`: also the fixed demo API token — for the embedded default only, never a server. */
export async function prepareDatabase(opts: { seedDemo: boolean; demoApiToken?: boolean }): Promise<{ applied: string[]; seeded: boolean }> {
  let applied: string[];
  if (config.databaseUrl) {
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      ({ applied } = await applyMigrations({ runner: pgRunner(client), log: console.log }));
    } finally {
      await client.end();
    }
  } else {
    const db = await openPglite(config.pgliteDir);
    try {
      ({ applied } = await applyMigrations({ runner: pgliteRunner(db), log: console.log }));
    } finally {
      await db.close();
    }
  }
  let seeded = false;
  if (opts.seedDemo) {
    const opened = await openDatabase();
    try {
      seeded = await seedDemo(opened.db);
      if (opts.demoApiToken) await ensureDemoApiToken(opened.db);
    } finally {
      await opened.close();
    }
  }
  return { applied, seeded };
}
