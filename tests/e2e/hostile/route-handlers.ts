// The route handlers and what each gets: the history's user type-ahead, the CSV export's form
// fields, next-auth's endpoints — the ones lib/next/auth-route-guard.ts refuses before next-auth
// sees them, the ones next-auth answers itself, and a login ticket no login made — and the API
// docs' asset route; and under /api/v1 what is no operation's (the operations' probes are in ./api.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { API_OPERATIONS } from "@/lib/api/v1/operations";
import { API_BASE_PATH } from "@/lib/http/handle-api-call";
import { randomToken } from "@/lib/security/tokens";
import { FAR_DATES, TEXT_VALUES, one, type Hostile } from "./values";

/** Paths under /api/v1 that are no operation's: the catch-all's 404 problem, with a token or without. */
export const UNKNOWN_API_CALLS: [method: string, path: string][] = [
  ["GET", "/api/v1/nope"],
  ["POST", "/api/v1/nope"],
  ["PATCH", "/api/v1/nope"],
  ["GET", "/api/v1/users/x/y/z"],
  ["PUT", "/api/v1/users/x/y/z"],
  ["DELETE", "/api/v1/users/x/y/z"],
  ["GET", "/api/v1/%00"],
  ["GET", "/api/v1/v2/users"],
];

/** /api/v1 itself (404) and a method an operation's path does not take (405): problem+json too (lib/http/api-route.ts). */
export const UNROUTED_API_CALLS: [method: string, path: string][] = [
  ["GET", "/api/v1"],
  ["POST", "/api/v1"],
  ["PUT", "/api/v1"],
  ["PATCH", "/api/v1"],
  ["DELETE", "/api/v1"],
  ["PATCH", "/api/v1/users"],
  ["POST", "/api/v1/me"],
  ["DELETE", "/api/v1/openapi.json"],
];

/** What the coverage test counts as probed under app/api/v1 (hostile-api.spec.ts): each operation's path, the catch-all's and the document's. */
const API_PROBED_PATHS = [
  ...API_OPERATIONS.map((op) => `${API_BASE_PATH}${op.path.replace(/\{\w+\}/g, "x")}`),
  ...UNKNOWN_API_CALLS.map(([, p]) => p),
  ...UNROUTED_API_CALLS.map(([, p]) => p),
  "/api/v1/openapi.json",
];

/** The route handlers the hostile specs send to (the coverage test checks that none is missing). */
// /api/health and /api/ready take no input: tests/e2e/health.spec.ts sends them hostile query strings.
export const ROUTE_HANDLER_PATHS = [
  "/api/health",
  "/api/ready",
  "/setup/activity/users",
  "/setup/activity/export",
  "/api/auth/callback/login-ticket",
  "/docs/api/assets/start.js",
  ...API_PROBED_PATHS,
];

/** Each method a route handler under app/api/v1 exports ("PUT /api/v1/users/[id]/mfa/reset") that no probe sends. */
export function unprobedApiMethods(): string[] {
  const probed = new Set([
    ...API_OPERATIONS.map((op) => `${op.method} ${API_BASE_PATH}${op.path.replace(/\{(\w+)\}/g, "[$1]")}`),
    ...UNKNOWN_API_CALLS.map(([m]) => `${m} /api/v1/[...unknown]`),
    ...UNROUTED_API_CALLS.filter(([, p]) => p === "/api/v1").map(([m]) => `${m} /api/v1`),
    "GET /api/v1/openapi.json",
  ]);
  return readdirSync("app/api/v1", { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .flatMap((f) => {
      const source = readFileSync(path.join("app/api/v1", f), "utf8");
      const route = path.dirname(f) === "." ? "/api/v1" : `/api/v1/${path.dirname(f)}`;
      return [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b|\bas\s+([A-Z]+)\b/g)].map((m) => `${m[1] ?? m[2]} ${route}`);
    })
    .filter((m) => !probed.has(m));
}

/**
 * The API docs' asset route serves two names: anything else — a way out of Swagger UI's folder,
 * a NUL, broken UTF-8 (the edge's 400), another file of that folder, a name every object has — is
 * a 4xx, never a file.
 */
export const HOSTILE_ASSET_FILES = [
  "..%2F..%2Fpackage.json",
  "..%2F..%2F..%2Fpackage.json",
  "%2E%2E%2F%2E%2E%2F%2E%2E%2Fpackage.json",
  "..%5C..%5C..%5Cpackage.json",
  "start.js%2F..%2F..%2F..%2F..%2Fpackage.json",
  "%2Fetc%2Fpasswd",
  "%00",
  "swagger-ui-bundle.js%00",
  "swagger-ui-bundle.js%00.png",
  "%ED%A0%80",
  "%C0%AE%C0%AE%2Fpackage.json",
  "package.json",
  "swagger-ui.css",
  "swagger-ui-bundle.js.map",
  "index.html",
  "__proto__",
  "constructor",
  "toString",
  "x".repeat(300),
];

/** The history's user type-ahead: its one parameter, hostile, repeated and bracketed. */
export const USER_SEARCH_QUERIES = ["?q=%00", "?q=%ED%A0%80", `?q=${"x".repeat(101)}`, "?q[]=x", "?q=%00&q=a"];

/** The CSV export is a POST of the history's filters: each filter field with its hostile values. */
export const EXPORT_FIELDS: Record<string, Hostile[]> = {
  user: [...TEXT_VALUES, one("not a uuid", "not-a-uuid")],
  activity: TEXT_VALUES,
  method: TEXT_VALUES,
  status: TEXT_VALUES,
  from: [...TEXT_VALUES, ...FAR_DATES],
  to: [...TEXT_VALUES, ...FAR_DATES],
  tz: [...TEXT_VALUES, one("no such zone", "Mars/Olympus_Mons")],
};

/** What lib/next/auth-route-guard.ts refuses: answered with a JSON error. */
export const GUARDED_AUTH_PATHS = [
  "/api/auth/callback/login-ticket",
  "/api/auth/callback/login-ticket?ticket=%00",
  "/api/auth/signin?callbackUrl=http://[::1",
  "/api/auth/signin?callbackUrl=%00",
  "/api/auth/signin/login-ticket?callbackUrl=//evil.test",
];

/** What the guard lets through to next-auth, whose own refusals are plain text (or a redirect to /login). */
export const NEXT_AUTH_PATHS = [
  "/api/auth/session",
  "/api/auth/providers",
  "/api/auth/error?error=%00",
  "/api/auth/error?error=%ED%A0%80",
  "/api/auth/nonexistent",
  "/api/auth/%ED%A0%80",
];

/** The login-ticket callback's ticket: the hostile texts and a well-formed one no login made (a new one per call). */
export const hostileTickets = (): Hostile[] => [...TEXT_VALUES, one("unknown ticket", randomToken())];

/** Callback URLs a sign-out is asked to go on to: a broken one, a NUL, another site. */
export const SIGNOUT_CALLBACK_URLS = ["http://[::1", "%00", "//evil.test"];
