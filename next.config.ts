import type { NextConfig } from "next";
import path from "node:path";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships a WASM Postgres that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "argon2"],
  turbopack: { root: path.resolve(".") },
  poweredByHeader: false,
  // The build does not type-check again: `npm test` and CI run `tsc` first (npm run typecheck),
  // and it was half of the first `npm start` (issue 11; docs/decisions/014).
  typescript: { ignoreBuildErrors: true },
  // No gzip in Node: it was a tenth of a login's server CPU (bench/login-http, issue 11). A reverse
  // proxy or CDN in front compresses better and off the app's main thread; MFA_COMPRESS=1 at build
  // time turns Node's back on for a console served directly (docs/decisions/014).
  compress: process.env.MFA_COMPRESS === "1",
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
  experimental: { authInterrupts: true }, // forbidden() → app/forbidden.tsx with HTTP 403
};

export default nextConfig;
