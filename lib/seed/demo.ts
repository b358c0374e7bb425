// The fixed demo data of SPEC E2 — docs, tries and tests rely on it. Created once, only by the
// demo seed (npm start's embedded default, or `npm run seed:demo`), never implicitly in production.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@db/generated";
import { createOrg } from "@/lib/orgs/create-org";
import { hashPassword } from "@/lib/auth/password";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { apiTokenHash, API_TOKEN_SHOWN_CHARS } from "@/lib/api-tokens/token-format";
import { API_TOKEN_SCOPES } from "@/lib/api-tokens/api-token-schemas";

export const DEMO_PASSWORD = "demo-password-1";
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

interface DemoUser {
  username: string;
  name: string;
  profile: string;
  totp: boolean;
}

const DEMO_ORGS: { name: string; slug: string; users: DemoUser[] }[] = [
  {
    name: "Acme",
    slug: "acme",
    users: [
      { username: "admin@acme.test", name: "Ada Admin", profile: "System Administrator", totp: true },
      { username: "support@acme.test", name: "Sam Support", profile: "Support Agent", totp: false },
      { username: "delegate@acme.test", name: "Dee Delegate", profile: "MFA Delegate", totp: false },
      { username: "alice@acme.test", name: "Alice Anders", profile: "Standard User", totp: true },
      { username: "bob@acme.test", name: "Bob Brown", profile: "Standard User", totp: false },
      { username: "api@acme.test", name: "Acme Integration", profile: "Integration User", totp: false },
    ],
  },
  {
    name: "Globex",
    slug: "globex",
    users: [{ username: "admin@globex.test", name: "Gus Globex", profile: "System Administrator", totp: true }],
  },
];

export const DEMO_LOGINS = DEMO_ORGS.flatMap((o) => o.users.map((u) => ({ org: o.name, ...u })));

/**
 * Creates the demo orgs in one transaction (all or nothing, so a crash never leaves half a demo).
 * Returns false when they already exist: the seed runs once.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  if (await db.org.findUnique({ where: { slug: "acme" } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    for (const spec of DEMO_ORGS) await seedOrg(tx, spec, passwordHash);
  });
  return true;
}

async function seedOrg(db: Prisma.TransactionClient, spec: (typeof DEMO_ORGS)[number], passwordHash: string) {
  const { org, profileIds } = await createOrg(db, { name: spec.name, slug: spec.slug });
  for (const u of spec.users) {
    const user = await db.user.create({
      data: { orgId: org.id, username: u.username, name: u.name, passwordHash, profileId: profileIds[u.profile]! },
    });
    if (u.totp) {
      await db.totpFactor.create({
        data: {
          orgId: org.id,
          userId: user.id,
          name: "Authenticator app",
          secretCiphertext: encryptTotpSecret(DEMO_TOTP_SECRET, user.id),
          verifiedAt: new Date(),
        },
      });
    }
  }
}

/** The demo API token (embedded default only, never against a server): api@acme.test, all scopes. */
export const DEMO_API_TOKEN = "mfac_demo-acme-api-token-00000000000000000000000";

/** Adds the demo token once (also to a demo made before tokens existed). */
export async function ensureDemoApiToken(db: Db): Promise<void> {
  const tokenHash = apiTokenHash(DEMO_API_TOKEN)!;
  if (await db.apiToken.findUnique({ where: { tokenHash } })) return;
  const api = await db.user.findUnique({ where: { username: "api@acme.test" } });
  if (!api) return;
  await db.apiToken.create({
    data: {
      orgId: api.orgId,
      name: "Demo token",
      prefix: DEMO_API_TOKEN.slice(0, API_TOKEN_SHOWN_CHARS),
      tokenHash,
      permissions: [...API_TOKEN_SCOPES],
      actingUserId: api.id,
    },
  });
}
