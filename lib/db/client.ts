// One Prisma 7 client for the whole server: a real Postgres when DATABASE_URL is set, else the
// embedded PGlite under .data/ (SPEC E1). Both speak through a driver adapter, so every query,
// migration and test runs the same code on either.
import { PrismaClient } from "@db/generated";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { isConnectionError, markDatabaseAvailable, markDatabaseUnavailable } from "./availability";
import { config } from "@/lib/config";
import { openPglite } from "./pglite";
import { statementName } from "./prepared-statements";

export type Db = PrismaClient;

export interface OpenedDb {
  db: Db;
  close(): Promise<void>;
  kind: "postgres" | "pglite";
}

export async function openDatabase(opts: { url?: string; pgliteDir?: string } = {}): Promise<OpenedDb> {
  const url = opts.url ?? config.databaseUrl;
  if (url) {
    const pool = watchedPool(url);
    const db = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: statementName }) });
    // The adapter doesn't own a pool it was handed: its idle connections would keep the database
    // busy for seconds after close (and a busy database can't be copied or dropped).
    return {
      db,
      kind: "postgres",
      close: async () => {
        await db.$disconnect();
        await pool.end();
      },
    };
  }
  // Imported lazily: the WASM build is only loaded when the embedded database is used.
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = await openPglite(opts.pgliteDir ?? config.pgliteDir);
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    kind: "pglite",
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * A pg pool that reports whether Postgres can be reached (./availability.ts): a failed connect or
 * a connection the server ends marks it down; a new connection made marks it up. Not a pooled
 * client handed out again: while Postgres shuts down, an idle client may not have heard yet, and
 * counting it made the state flap (down, up 16 ms later, down) through a restart.
 * pg's own Pool.query calls connect() with a callback, the adapter with a promise: both are seen.
 */
function watchedPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  // An idle client's error (Postgres restarted) is emitted here; without a listener it would crash the process.
  pool.on("error", (error) => isConnectionError(error) && markDatabaseUnavailable(error));
  pool.on("connect", () => markDatabaseAvailable());
  const connect = pool.connect.bind(pool) as (
    callback?: (err: Error | undefined, client?: pg.PoolClient, done?: () => void) => void,
  ) => Promise<pg.PoolClient> | void;
  const settle = (error: unknown) => error && isConnectionError(error) && markDatabaseUnavailable(error);
  pool.connect = ((callback?: (err: Error | undefined, client?: pg.PoolClient, done?: () => void) => void) => {
    if (callback) {
      return connect((err, client, done) => {
        settle(err);
        callback(err, client, done);
      });
    }
    return (connect() as Promise<pg.PoolClient>).catch((error: unknown) => {
      settle(error);
      throw error;
    });
  }) as typeof pool.connect;
  return pool;
}

// Kept on globalThis so module re-evaluation (dev reloads, several route bundles) shares one pool.
const globalForDb = globalThis as unknown as { __mfaDb?: Promise<OpenedDb> };

/** The process-wide client. Tenant code should use forOrg(db, orgId) from ./tenant instead. */
export async function getDb(): Promise<Db> {
  globalForDb.__mfaDb ??= openDatabase();
  return (await globalForDb.__mfaDb).db;
}
