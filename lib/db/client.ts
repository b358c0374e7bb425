// One Prisma 7 client for the whole server: a real Postgres when DATABASE_URL is set, else the
// embedded PGlite under .data/ (SPEC E1). Both speak through a driver adapter, so every query,
// migration and test runs the same code on either.
import { PrismaClient } from "@db/generated";
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@/lib/config";
import { openPglite } from "./pglite";

export type Db = PrismaClient;

export interface OpenedDb {
  db: Db;
  close(): Promise<void>;
  kind: "postgres" | "pglite";
}

export async function openDatabase(opts: { url?: string; pgliteDir?: string } = {}): Promise<OpenedDb> {
  const url = opts.url ?? config.databaseUrl;
  if (url) {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    return { db, kind: "postgres", close: () => db.$disconnect() };
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

// Kept on globalThis so module re-evaluation (dev reloads, several route bundles) shares one pool.
const globalForDb = globalThis as unknown as { __mfaDb?: Promise<OpenedDb> };

/** The process-wide client. Tenant code should use forOrg(db, orgId) from ./tenant instead. */
export async function getDb(): Promise<Db> {
  globalForDb.__mfaDb ??= openDatabase();
  return (await globalForDb.__mfaDb).db;
}
