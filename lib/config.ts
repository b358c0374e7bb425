// Every setting the server reads from the environment, with its default, in one place.
// The README's configuration table mirrors this file.
import path from "node:path";

// turbopackIgnore: the data directory is runtime state, not something to trace into the build.
export const DATA_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.MFA_DATA_DIR ?? ".data");

export const config = {
  /** Unset → embedded PGlite under DATA_DIR/pglite. */
  databaseUrl: process.env.DATABASE_URL || undefined,
  pgliteDir: path.join(DATA_DIR, "pglite"),
  /** Public origin of the console; WebAuthn and next-auth derive from it. */
  appUrl: process.env.NEXTAUTH_URL ?? "http://localhost:3000",
  /** WebAuthn relying party; unset → derived from appUrl (lib/mfa/webauthn/relying-party.ts). */
  webauthnRpId: process.env.MFA_WEBAUTHN_RP_ID || undefined,
  webauthnOrigin: process.env.MFA_WEBAUTHN_ORIGIN || undefined,
  productName: "MFA Console",
  /**
   * Local development and tests only: webhook endpoints may be http://localhost (loopback). Off,
   * the production rule holds: https only, and never a loopback, private, link-local or metadata
   * address, checked on save and again at each send (lib/webhooks/url-guard.ts).
   */
  webhooksAllowLocalhost: process.env.MFA_WEBHOOKS_ALLOW_LOCALHOST === "1",
  /** "0": this server process delivers no webhooks (run `npm run worker` elsewhere instead). */
  webhookWorkerInServer: process.env.MFA_WEBHOOK_WORKER !== "0",
} as const;

export const PENDING_LOGIN_MINUTES = 10; // SPEC L12
export const LAST_SEEN_WRITE_INTERVAL_SECONDS = 60; // throttle: no write on every request
export const USERS_PAGE_SIZE = 25;
// Setup > Users counts exactly up to here, then says "10,000+": an exact count of a 100,000-user
// org or of one MFA state costs a full scan on every page view, the page itself does not
// (bench/users-list.ts). Searches stay exact: the trigram index bounds them to their matches.
export const USERS_COUNT_CAP = 10_000;
