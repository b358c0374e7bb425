// Users made for one test in a seeded database, so a test never changes the demo users others
// rely on: a fresh name, the demo password, an optional authenticator app with the demo secret.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { DEMO_TOTP_SECRET } from "./demo";

export async function createTestUser(
  db: Db,
  opts: { prefix: string; org?: "acme" | "globex"; profile?: "System Administrator" | "MFA Delegate" | "Support Agent" | "Standard User"; totp?: boolean },
) {
  const org = opts.org ?? "acme";
  const template = await db.user.findUniqueOrThrow({ where: { username: `admin@${org}.test` } });
  const profile = await db.profile.findFirstOrThrow({ where: { orgId: template.orgId, name: opts.profile ?? "Standard User" } });
  const user = await db.user.create({
    data: {
      orgId: template.orgId,
      username: `${opts.prefix}-${randomBytes(4).toString("hex")}@${org}.test`,
      name: `${opts.prefix} Test`,
      passwordHash: template.passwordHash, // demo-password-1
      profileId: profile.id,
    },
  });
  if (opts.totp) {
    await db.totpFactor.create({
      data: {
        orgId: user.orgId,
        userId: user.id,
        name: "Authenticator app",
        secretCiphertext: encryptTotpSecret(DEMO_TOTP_SECRET, user.id),
        verifiedAt: new Date(),
      },
    });
  }
  return user;
}
