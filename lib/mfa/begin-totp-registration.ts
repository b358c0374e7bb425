// "Add authenticator app" on My security (SPEC B7): a signed-in user registers another app. The
// unconfirmed factor is a totp_factors row without a pending login, one per user, created under
// a lock on the user's row, so a reload or a double render shows the same secret; a setup left
// for longer than TOTP_REGISTRATION_MINUTES starts again with a fresh secret. (The login-time
// registration, L3, is begin-totp-enrollment.ts and keeps its rows apart by pending_login_id.)
// High Assurance, when the user already has a method, is checked by the caller's guard.
import type { OrgDb } from "@/lib/db/tenant";
import type { AccountActionOptions } from "@/lib/account/account-action";
import { encryptTotpSecret, decryptTotpSecret } from "./totp-secret";
import { generateTotpSecret, otpauthUri, totpIssuer } from "./totp";
import { DEFAULT_TOTP_NAME } from "./begin-totp-enrollment";
import { lockUserRow } from "@/lib/db/lock-user";

export const TOTP_REGISTRATION_MINUTES = 10;

/** The user's unconfirmed self-service registration still inside its time, if any. */
export function openRegistrationWhere(userId: string, nowMs: number) {
  return { userId, verifiedAt: null, pendingLoginId: null, createdAt: { gt: new Date(nowMs - TOTP_REGISTRATION_MINUTES * 60_000) } };
}

export async function beginTotpRegistration(
  opts: Pick<AccountActionOptions, "orgDb" | "me" | "nowMs">,
): Promise<{ secret: string; uri: string; username: string }> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb, me } = opts;
  const factor = await orgDb.$transaction(async (tx) => {
    await lockUserRow(tx, { id: me.id, orgId: me.orgId });
    const open = await tx.totpFactor.findFirst({ where: openRegistrationWhere(me.id, nowMs), orderBy: { createdAt: "desc" } });
    if (open) return open;
    // Secrets of abandoned setups are worthless; don't keep them around.
    await tx.totpFactor.deleteMany({ where: { userId: me.id, verifiedAt: null, pendingLoginId: null } });
    return tx.totpFactor.create({
      data: {
        orgId: me.orgId,
        userId: me.id,
        name: DEFAULT_TOTP_NAME,
        secretCiphertext: encryptTotpSecret(generateTotpSecret(), me.id),
        createdAt: new Date(nowMs),
      },
    });
  });
  const secret = decryptTotpSecret(factor);
  const org = await orgOf(orgDb);
  return {
    secret,
    uri: otpauthUri({ secretBase32: secret, accountName: me.username, issuer: totpIssuer({ orgName: org.name, environment: org.environment }) }),
    username: me.username,
  };
}

async function orgOf(orgDb: OrgDb) {
  const org = await orgDb.org.findFirst();
  if (!org) throw new Error("tenant-scoped client without its org");
  return org;
}
