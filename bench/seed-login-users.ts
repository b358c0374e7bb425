// Users who log in with the demo password and the demo authenticator-app secret, seeded in bulk
// into a demo org (bench/login-http.ts, bench/load.ts): Standard Users, landing on My security.
import type { TestDb } from "../tests/helpers/test-db";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { DEMO_TOTP_SECRET } from "@/lib/seed/demo";
import type { BenchUser } from "./login-browser";

/** `count` users `<prefix>-00001@<org's domain>`…, each with a verified authenticator app. */
export async function seedLoginUsers(t: Pick<TestDb, "db" | "sql">, opts: { orgSlug: string; prefix: string; count: number }): Promise<BenchUser[]> {
  const org = await t.db.org.findUniqueOrThrow({ where: { slug: opts.orgSlug } });
  // The org admin's hash is of the demo password: one argon2 hash for every user, not thousands.
  const admin = await t.db.user.findUniqueOrThrow({ where: { username: `admin@${opts.orgSlug}.test` } });
  const standard = await t.db.profile.findFirstOrThrow({ where: { orgId: org.id, name: "Standard User" } });
  const rows = await t.sql<{ id: string; username: string; name: string }>(
    `INSERT INTO users (org_id, username, name, password_hash, profile_id)
     SELECT $1, $5 || '-' || lpad(g::text, 5, '0') || '@' || $6, initcap($5) || ' User ' || lpad(g::text, 5, '0'), $2, $3
     FROM generate_series(1, $4::int) AS g RETURNING id, username, name`,
    [org.id, admin.passwordHash, standard.id, opts.count, opts.prefix, `${opts.orgSlug}.test`],
  );
  await t.sql(
    `INSERT INTO totp_factors (org_id, user_id, name, secret_ciphertext, verified_at)
     SELECT $1, u, 'Authenticator app', c, now() FROM unnest($2::uuid[], $3::text[]) AS x(u, c)`,
    [org.id, rows.map((r) => r.id), rows.map((r) => encryptTotpSecret(DEMO_TOTP_SECRET, r.id))],
  );
  return rows.map((r) => ({ id: r.id, username: r.username, name: r.name, lastLoginEndMs: 0 }));
}
