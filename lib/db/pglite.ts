// Opens an embedded PGlite with the extensions the migrations use (pg_trgm), in a data directory
// or in memory. Every PGlite in the project comes from here, so none lacks an extension.
import fs from "node:fs";
import type { PGlite } from "@electric-sql/pglite";

export async function openPglite(dataDir?: string): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  if (dataDir) fs.mkdirSync(/*turbopackIgnore: true*/ dataDir, { recursive: true });
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}
