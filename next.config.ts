import type { NextConfig } from "next";
import path from "node:path";

const nextConfig: NextConfig = {
  // PGlite ships a WASM Postgres that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "argon2"],
  turbopack: { root: path.resolve(".") },
  poweredByHeader: false,
  experimental: { authInterrupts: true }, // forbidden() → app/forbidden.tsx with HTTP 403
};

export default nextConfig;
