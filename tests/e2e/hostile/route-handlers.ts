// The route handlers and what each gets: the history's user type-ahead, the CSV export's form
// fields, and next-auth's endpoints — the ones lib/next/auth-route-guard.ts refuses before
// next-auth sees them, the ones next-auth answers itself, and a login ticket no login made.
import { randomToken } from "@/lib/security/tokens";
import { FAR_DATES, TEXT_VALUES, one, type Hostile } from "./values";

/** The route handlers hostile-pages.spec.ts sends to (the coverage test checks that none is missing). */
export const ROUTE_HANDLER_PATHS = ["/setup/activity/users", "/setup/activity/export", "/api/auth/callback/login-ticket"];

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
export const NEXT_AUTH_PATHS = ["/api/auth/session", "/api/auth/providers", "/api/auth/error?error=%00", "/api/auth/error?error=%ED%A0%80", "/api/auth/nonexistent", "/api/auth/%ED%A0%80"];

/** The login-ticket callback's ticket: the hostile texts and a well-formed one no login made (a new one per call). */
export const hostileTickets = (): Hostile[] => [...TEXT_VALUES, one("unknown ticket", randomToken())];

/** Callback URLs a sign-out is asked to go on to: a broken one, a NUL, another site. */
export const SIGNOUT_CALLBACK_URLS = ["http://[::1", "%00", "//evil.test"];
