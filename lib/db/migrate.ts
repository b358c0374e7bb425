// Applies prisma/migrations/<timestamp>_<name>/migration.sql files, standing in for
// `prisma migrate deploy`, whose native schema engine cannot run on these machines.
// The bookkeeping is Prisma's own (table definition, row values, checksum, advisory lock key;
// checked against prisma-engines' schema-engine source), so a database migrated here is seen as
// up to date by `prisma migrate deploy` and vice versa. See docs/decisions/001.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ClientBase } from "pg";
import type { PGlite } from "@electric-sql/pglite";

export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<void>; // may contain many statements
}

export function pgRunner(client: ClientBase): SqlRunner {
  return {
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return { rows: result.rows as T[] };
    },
    // Without parameters pg uses the simple query protocol, which accepts many statements.
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

// Prisma's key (schema-engine, postgres flavour: `SELECT pg_advisory_lock(72707369)`), so this
// runner and `prisma migrate deploy` also exclude each other.
const PRISMA_MIGRATE_LOCK = 72707369;

// Verbatim from Prisma's postgres flavour (create_migrations_table).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

// Prisma accepts a recorded checksum if it matches the script with either line ending
// (schema-connector checksum.rs), so a checkout with CRLF endings is not an "edited" migration.
function checksumMatches(sql: string, recorded: string): boolean {
  return [sql, sql.replace(/\r\n/g, "\n"), sql.replace(/\n/g, "\r\n")].some((s) => sha256(s) === recorded);
}

// The app, its scripts and the tests always run from the repository root.
const defaultMigrationsDir = () => path.resolve(process.cwd(), "prisma/migrations");

export async function listMigrations(migrationsDir: string = defaultMigrationsDir()): Promise<{ name: string; sql: string; checksum: string }[]> {
  // A missing directory is refused rather than read as "nothing to apply": it almost always
  // means the wrong working directory, and a silent no-op would hide that.
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: unknown) => {
    throw new Error(`Cannot read migrations directory ${migrationsDir}`, { cause: error });
  });
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
  names.sort(); // Prisma applies in directory-name order; the timestamp prefix makes it chronological.
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const bytes = await readFile(file).catch((error: unknown) => {
        throw new Error(`Migration ${name} has no readable migration.sql (${file})`, { cause: error });
      });
      return { name, sql: bytes.toString("utf8"), checksum: sha256(bytes) };
    }),
  );
}

export async function applyMigrations(opts: { runner: SqlRunner; migrationsDir?: string; log?: (line: string) => void }): Promise<{ applied: string[] }> {
  const { runner, log = () => {} } = opts;
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const migrations = await listMigrations(migrationsDir);

  // Session-level lock held across the whole run: a second runner waits here, then finds
  // everything recorded and applies nothing. It is released when the connection ends, too.
  await runner.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
  try {
    // Checked first (not IF NOT EXISTS) so the table DDL stays byte-for-byte Prisma's.
    const table = await runner.query<{ t: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS t");
    if (table.rows[0]?.t == null) await runner.exec(CREATE_MIGRATIONS_TABLE);

    const { rows } = await runner.query<MigrationRow>(
      "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
    );
    // Rows marked rolled back (prisma migrate resolve --rolled-back) no longer count, as in Prisma.
    const live = rows.filter((r) => r.rolled_back_at === null);

    // Everything is validated before anything is applied, so a refused run changes nothing.
    const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
    if (failed.length > 0) {
      throw new Error(
        `Migration(s) ${failed.join(", ")} are recorded as failed in _prisma_migrations (started, never finished). ` +
          "Repair the database by hand, then mark them with `prisma migrate resolve --rolled-back <name>` " +
          "(or set rolled_back_at) before applying migrations again.",
      );
    }
    const recorded = new Map(live.map((r) => [r.migration_name, r.checksum]));
    for (const m of migrations) {
      const checksum = recorded.get(m.name);
      if (checksum !== undefined && !checksumMatches(m.sql, checksum)) {
        throw new Error(
          `Migration ${m.name} was modified after it was applied (checksum ${checksum} recorded, file is ${m.checksum}). ` +
            "Applied migrations are immutable: restore the file and put the change in a new migration. Nothing was applied.",
        );
      }
    }
    for (const name of recorded.keys()) {
      if (!migrations.some((m) => m.name === name)) log(`warning: ${name} is applied but missing from ${migrationsDir}`);
    }

    const applied: string[] = [];
    for (const m of migrations.filter((m) => !recorded.has(m.name))) {
      log(`Applying migration ${m.name}`);
      const id = randomUUID();
      // One transaction per migration, holding the script and its record together, so a failure
      // leaves neither behind (Postgres DDL is transactional). Prisma runs each script as one
      // implicit transaction too. A script with its own BEGIN/COMMIT (Prisma emits those for enum
      // value removal) ends ours early; a later failure then leaves the row unfinished, which the
      // next run reports as failed, exactly as Prisma would.
      await runner.exec("BEGIN");
      try {
        await runner.query("INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)", [id, m.checksum, m.name]);
        await runner.exec(m.sql);
        // Same values Prisma leaves after a successful script: one step, finished, logs NULL.
        await runner.query("UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1", [id]);
        await runner.exec("COMMIT");
      } catch (error) {
        await runner.exec("ROLLBACK").catch(() => {});
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${m.name} failed and was rolled back: ${reason}`, { cause: error });
      }
      applied.push(m.name);
    }
    log(applied.length ? `Applied ${applied.length} migration(s)` : "No pending migrations");
    return { applied };
  } finally {
    // If the connection is already broken the server has released the lock with it.
    await runner.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
  }
}
