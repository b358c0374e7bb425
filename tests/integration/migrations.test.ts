// The migration runner (lib/db/migrate.ts) against real Postgres: Prisma-compatible bookkeeping,
// idempotence, refusal of edited/failed history, safety under concurrent runners, the V4
// append-only trigger, and the same migrations on PGlite. With no Postgres reachable
// (global-setup sets MFA_TEST_PGLITE=1) the tests run on PGlite, except the two-connection race.
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/pglite";
import { applyMigrations, listMigrations, pgliteRunner, pgRunner, type SqlRunner } from "@/lib/db/migrate";
import { createTestDatabase, usePglite } from "../helpers/pg";

const MIGRATIONS_DIR = path.resolve("prisma/migrations");

interface Fresh {
  runner: SqlRunner;
  /** Another connection to the same database (Postgres only). */
  connect(): Promise<{ runner: SqlRunner; close(): Promise<void> }>;
  close(): Promise<void>;
}

/** An empty database: a new one on the test server, or an in-memory PGlite in fallback mode. */
async function freshDatabase(): Promise<Fresh> {
  if (usePglite) {
    const db = await openPglite();
    return {
      runner: pgliteRunner(db),
      connect: () => Promise.reject(new Error("PGlite has a single connection")),
      close: () => db.close(),
    };
  }
  const { url, drop } = await createTestDatabase();
  const clients: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return { runner: pgRunner(client), close: () => client.end() };
  };
  const first = await connect();
  return {
    runner: first.runner,
    connect,
    close: async () => {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
      await drop();
    },
  };
}

const fileSha256 = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
const count = async (runner: SqlRunner, sql: string) => Number((await runner.query<{ n: string }>(sql)).rows[0].n);
const exists = async (runner: SqlRunner, relation: string) =>
  (await runner.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [relation])).rows[0].t !== null;

describe("applyMigrations on a fresh database", () => {
  let db: Fresh;
  let names: string[];
  beforeAll(async () => {
    db = await freshDatabase();
    names = (await listMigrations()).map((m) => m.name);
  });
  afterAll(() => db?.close());

  it("applies every migration and records each exactly as Prisma does", async () => {
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^\d{14}_\w+$/);
    const lines: string[] = [];
    expect(await applyMigrations({ runner: db.runner, log: (l) => lines.push(l) })).toEqual({ applied: names });
    expect(lines.some((l) => l.includes(names[0]))).toBe(true);

    // Prisma's table, column for column (schema-engine postgres flavour, create_migrations_table).
    const cols = await db.runner.query(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(cols.rows).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);
    const pk = await db.runner.query<{ cols: string }>(
      `SELECT string_agg(a.attname, ',') AS cols FROM pg_index x
         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)
        WHERE x.indrelid = '_prisma_migrations'::regclass AND x.indisprimary`,
    );
    expect(pk.rows[0].cols).toBe("id");

    // Rows: what `prisma migrate deploy` leaves after a successful script.
    const rows = await db.runner.query<Record<string, unknown>>("SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name");
    expect(rows.rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows.rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.checksum).toBe(await fileSha256(path.join(MIGRATIONS_DIR, String(row.migration_name), "migration.sql")));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing when run again", async () => {
    const before = await count(db.runner, "SELECT count(*) AS n FROM _prisma_migrations");
    expect(await applyMigrations({ runner: db.runner })).toEqual({ applied: [] });
    expect(await applyMigrations({ runner: db.runner })).toEqual({ applied: [] });
    expect(await count(db.runner, "SELECT count(*) AS n FROM _prisma_migrations")).toBe(before);
  });

  it("V4: the database refuses UPDATE, DELETE and TRUNCATE of verification events", async () => {
    const r = db.runner;
    const org = await r.query<{ id: string }>("INSERT INTO orgs (name, slug) VALUES ('Acme', 'acme-v4') RETURNING id");
    const orgId = org.rows[0].id;
    const insertEvent = () => r.query("INSERT INTO verification_events (org_id, activity, status) VALUES ($1, 'LOGIN', 'FAILED') RETURNING id", [orgId]);
    await insertEvent();
    await insertEvent(); // appending stays possible

    const refused = /verification_events is append-only \(SPEC V4\)/;
    await expect(r.query("UPDATE verification_events SET status = 'SUCCEEDED'")).rejects.toThrow(refused);
    await expect(r.query("UPDATE verification_events SET reason = 'x' WHERE org_id = $1", [orgId])).rejects.toThrow(/UPDATE refused/);
    await expect(r.query("DELETE FROM verification_events")).rejects.toThrow(/DELETE refused/);
    await expect(r.exec("TRUNCATE verification_events")).rejects.toThrow(/TRUNCATE refused/);
    await expect(r.exec("TRUNCATE orgs CASCADE")).rejects.toThrow(refused);
    await expect(r.query("DELETE FROM verification_events WHERE id = -1")).resolves.toBeDefined(); // no row, nothing refused
    const err = await r.query("DELETE FROM verification_events").catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe("23001"); // restrict_violation
    expect(await count(r, "SELECT count(*) AS n FROM verification_events")).toBe(2);
    expect(await count(r, "SELECT count(*) AS n FROM orgs")).toBe(1);
  });
});

describe("refusing to apply", () => {
  let db: Fresh;
  let dir: string;
  beforeAll(async () => {
    db = await freshDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), "mfa-migrations-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations({ runner: db.runner, migrationsDir: dir });
  });
  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const addMigration = async (name: string, sql: string) => {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  };
  const records = () => db.runner.query("SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name");

  it("an applied migration whose file changed is an error naming it, and nothing is applied", async () => {
    const [init] = await listMigrations(dir);
    const before = await records();
    await addMigration("29990101000000_pending", 'CREATE TABLE "pending_marker" (id INT);\n');
    await appendFile(path.join(dir, init.name, "migration.sql"), "\n-- edited after it was applied\n");

    await expect(applyMigrations({ runner: db.runner, migrationsDir: dir })).rejects.toThrow(
      new RegExp(`Migration ${init.name} was modified after it was applied`),
    );
    expect(await exists(db.runner, "pending_marker")).toBe(false);
    expect(await records()).toEqual(before);

    // Restored (here with CRLF line endings, as a Windows checkout would have it): accepted, as
    // Prisma's line-ending-agnostic checksum comparison does, and the pending one now applies.
    await writeFile(path.join(dir, init.name, "migration.sql"), init.sql.replace(/\n/g, "\r\n"));
    expect(await applyMigrations({ runner: db.runner, migrationsDir: dir })).toEqual({ applied: ["29990101000000_pending"] });
    expect(await exists(db.runner, "pending_marker")).toBe(true);
  });

  it("a failing migration is rolled back with its record", async () => {
    const before = await records();
    await addMigration("29990102000000_broken", 'CREATE TABLE "half_done" (id INT);\nSELECT 1 / 0;\n');
    await expect(applyMigrations({ runner: db.runner, migrationsDir: dir })).rejects.toThrow(
      /Migration 29990102000000_broken failed and was rolled back: division by zero/,
    );
    expect(await exists(db.runner, "half_done")).toBe(false);
    expect(await records()).toEqual(before);
    await rm(path.join(dir, "29990102000000_broken"), { recursive: true });
  });

  it("a migration recorded as failed (as Prisma leaves one) blocks every run", async () => {
    await db.runner.query("INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ($1, $2, $3, 'boom')", [
      "00000000-0000-4000-8000-000000000000",
      "0".repeat(64),
      "29990103000000_failed_elsewhere",
    ]);
    await addMigration("29990104000000_next", 'CREATE TABLE "next_marker" (id INT);\n');
    await expect(applyMigrations({ runner: db.runner, migrationsDir: dir })).rejects.toThrow(/29990103000000_failed_elsewhere are recorded as failed/);
    expect(await exists(db.runner, "next_marker")).toBe(false);
  });

  it("a missing migrations directory is an error, not an empty list", async () => {
    await expect(listMigrations(path.join(dir, "nope"))).rejects.toThrow(/Cannot read migrations directory/);
  });
});

describe.skipIf(usePglite)("concurrent runners", () => {
  it("two connections racing on a fresh database apply each migration exactly once", async () => {
    const db = await freshDatabase();
    try {
      const [a, b] = await Promise.all([db.connect(), db.connect()]);
      const results = await Promise.all([applyMigrations({ runner: a.runner }), applyMigrations({ runner: b.runner })]);
      const names = (await listMigrations()).map((m) => m.name);
      expect([...results[0].applied, ...results[1].applied].sort()).toEqual(names);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, names.length]);
      const rows = await db.runner.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations");
      expect(rows.rows.map((r) => r.migration_name).sort()).toEqual(names);
    } finally {
      await db.close();
    }
  });
});

describe("PGlite (Postgres 17 in WebAssembly)", () => {
  it("runs the same migrations in memory: every table exists and the V4 trigger works", async () => {
    const lite = await openPglite();
    try {
      const runner = pgliteRunner(lite);
      const names = (await listMigrations()).map((m) => m.name);
      expect(await applyMigrations({ runner })).toEqual({ applied: names });
      expect(await applyMigrations({ runner })).toEqual({ applied: [] });
      const tables = await runner.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
      expect(tables.rows.map((t) => t.tablename)).toEqual(
        expect.arrayContaining(["_prisma_migrations", "orgs", "users", "sessions", "verification_events", "webhook_deliveries"]),
      );
      const org = await runner.query<{ id: string }>("INSERT INTO orgs (name, slug) VALUES ('Lite', 'lite') RETURNING id");
      await runner.query("INSERT INTO verification_events (org_id, activity, status) VALUES ($1, 'LOGIN', 'SUCCEEDED')", [org.rows[0].id]);
      await expect(runner.query("UPDATE verification_events SET reason = 'x'")).rejects.toThrow(/append-only/);
      await expect(runner.exec("TRUNCATE verification_events")).rejects.toThrow(/append-only/);
    } finally {
      await lite.close();
    }
  });
});
