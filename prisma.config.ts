import { defineConfig } from "prisma/config";

// Migrations are applied by lib/db/migrate.ts (the native migrate engine cannot run here);
// this file tells `prisma generate` (and, where the engine exists, `prisma migrate deploy`) where things are.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
