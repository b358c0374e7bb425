// Seeds the E2 demo orgs into a test database and offers shortcuts through the login steps.
import type { Db } from "@/lib/db/client";
import { seedDemo, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/lib/seed/demo";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { totpCodeAt } from "@/lib/mfa/totp";

export const ctx = { ip: "203.0.113.7", userAgent: "vitest" };
export { DEMO_PASSWORD, DEMO_TOTP_SECRET };

export async function seed(db: Db) {
  await seedDemo(db);
  const users = await db.user.findMany({ include: { org: true } });
  const byName = Object.fromEntries(users.map((u) => [u.username, u]));
  const orgs = Object.fromEntries(users.map((u) => [u.org.slug, u.org]));
  return { users: byName, orgs };
}

/** Password step for a demo user; returns the pending-login token of the TOTP challenge. */
export async function passwordStep(db: Db, username: string, nowMs = Date.now()): Promise<string> {
  const r = await startPasswordLogin(db, { username, password: DEMO_PASSWORD, context: ctx, nowMs });
  if (!r.ok || r.next !== "TOTP") throw new Error(`expected a TOTP challenge for ${username}, got ${JSON.stringify(r)}`);
  return r.pendingToken;
}

export const demoCode = (nowMs: number) => totpCodeAt(DEMO_TOTP_SECRET, nowMs);

/**
 * `count` password steps one after another. Not at once: more concurrent password tries of one
 * user than the org's lockout maximum are turned away uncompared (lib/security/lockout.ts).
 */
export async function passwordSteps(db: Db, username: string, count: number, nowMs = Date.now()): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(await passwordStep(db, username, nowMs));
  return tokens;
}
