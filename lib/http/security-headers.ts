// The fixed security headers of every response: next.config.ts gives them to Next.js's pages and
// routes, lib/http/node-api.ts to the REST API it answers itself. The Content-Security-Policy (a
// nonce per request) and HSTS come from scripts/http-edge.mjs, in front of both.
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Login, enrollment (which shows a secret) and console pages are never framed.
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
};
