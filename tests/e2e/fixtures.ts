// Users made for one e2e test, so specs never depend on each other's changes to the demo users.
import type { Permission } from "@db/generated";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { withDb } from "./db";

export const DEMO_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export async function createUser(opts: {
  username: string;
  name: string;
  profile: "System Administrator" | "MFA Delegate" | "Support Agent" | "Standard User";
  totp?: boolean;
  isActive?: boolean;
  securityKeys?: string[];
  extraPermissions?: Permission[];
  /** The demo org the user joins (its admin is the template); Acme unless said otherwise. */
  org?: "acme" | "globex";
}): Promise<string> {
  return withDb(async (db) => {
    const template = await db.user.findUniqueOrThrow({ where: { username: `admin@${opts.org ?? "acme"}.test` } });
    const profile = await db.profile.findFirstOrThrow({ where: { orgId: template.orgId, name: opts.profile } });
    const user = await db.user.create({
      data: {
        orgId: template.orgId,
        username: opts.username,
        name: opts.name,
        passwordHash: template.passwordHash, // demo-password-1
        profileId: profile.id,
        isActive: opts.isActive ?? true,
        extraPermissions: opts.extraPermissions ?? [],
      },
    });
    if (opts.totp) {
      await db.totpFactor.create({
        data: {
          orgId: user.orgId,
          userId: user.id,
          name: "Authenticator app",
          secretCiphertext: encryptTotpSecret(DEMO_SECRET, user.id),
          verifiedAt: new Date(),
        },
      });
    }
    for (const [i, name] of (opts.securityKeys ?? []).entries()) {
      await db.webAuthnCredential.create({
        data: {
          orgId: user.orgId,
          userId: user.id,
          name,
          credentialId: `${user.id}-key-${i}`,
          publicKey: Buffer.from([1, 2, 3]),
          deviceType: "singleDevice",
          transports: ["usb"],
        },
      });
    }
    return user.id;
  });
}
