import type { NextConfig } from "next";
import path from "node:path";

const nextConfig: NextConfig = {
  // PGlite ships a WASM Postgres that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "argon2"],
  turbopack: { root: path.resolve(".") },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // Login, enrollment (which shows a secret) and console pages are never framed. The
          // Content-Security-Policy (with a nonce per request) and HSTS come from
          // scripts/http-edge.mjs, which the server runs in front of Next.js.
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
  experimental: { authInterrupts: true }, // forbidden() → app/forbidden.tsx with HTTP 403
};

export default nextConfig;
