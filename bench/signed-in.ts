// Signed in without a login: a High Assurance session row as a finished TOTP login leaves it, and
// its next-auth cookie (as tests/e2e/hostile/world.ts makes them). For benches that measure what a
// signed-in admin does (bench/pages-http.ts, bench/load.ts), not the login itself.
import { encode } from "next-auth/jwt";
import type { TestDb } from "../tests/helpers/test-db";
import { randomToken, sha256Hex } from "@/lib/security/tokens";

const HIGH_ASSURANCE_MS = 3_600_000;

/** The Cookie header of a new session of `username`; its row's user_agent is `userAgent`, to tell bench sessions from logins. */
export async function signedIn(t: Pick<TestDb, "sql">, username: string, userAgent: string): Promise<string> {
  const sid = randomToken();
  const rows = await t.sql(
    `INSERT INTO sessions (org_id, user_id, token_hash, level, login_method, high_assurance_until, ip, user_agent, expires_at, created_at, last_seen_at)
     SELECT org_id, id, $2, 'HIGH_ASSURANCE', 'TOTP', $3, '127.0.0.1', $4, now() + interval '12 hours', now(), now()
     FROM users WHERE username = $1 RETURNING id`,
    [username, sha256Hex(sid), new Date(Date.now() + HIGH_ASSURANCE_MS), userAgent],
  );
  if (rows.length !== 1) throw new Error(`no user ${username} to sign in`);
  return `next-auth.session-token=${await encode({ token: { sid }, secret: process.env.NEXTAUTH_SECRET! })}`;
}
