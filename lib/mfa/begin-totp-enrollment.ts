// L3: MFA is required and nothing is registered — the user registers an authenticator app now.
// One unconfirmed factor per pending login (unique pending_login_id, created under a row lock),
// so a reload or a double render shows the same secret, and a new login starts with a fresh one.
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { fail, type Result } from "@/lib/errors";
import { encryptTotpSecret, decryptTotpSecret } from "./totp-secret";
import { generateTotpSecret, otpauthUri, totpIssuer } from "./totp";
import { forOrg } from "@/lib/db/tenant";

export const DEFAULT_TOTP_NAME = "Authenticator app";

export async function beginTotpEnrollment(
  db: Db,
  opts: { pendingToken: string; nowMs?: number },
): Promise<Result<{ secret: string; uri: string; username: string }>> {
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "ENROLLMENT", nowMs: opts.nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  const { user } = pending;
  // The org is known from here: every query is scoped to it (T1).
  const orgDb = forOrg(db, pending.orgId);
  const factor = await orgDb.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM pending_logins WHERE id = ${pending.id}::uuid FOR UPDATE`;
    const existing = await tx.totpFactor.findUnique({ where: { pendingLoginId: pending.id } });
    if (existing) return existing;
    // Secrets of abandoned enrollments are worthless; don't keep them around.
    await tx.totpFactor.deleteMany({ where: { userId: user.id, verifiedAt: null } });
    return tx.totpFactor.create({
      data: {
        orgId: user.orgId,
        userId: user.id,
        pendingLoginId: pending.id,
        name: DEFAULT_TOTP_NAME,
        secretCiphertext: encryptTotpSecret(generateTotpSecret(), user.id),
      },
    });
  });
  const secret = decryptTotpSecret(factor);
  const issuer = totpIssuer({ orgName: user.org.name, environment: user.org.environment });
  return { ok: true, secret, uri: otpauthUri({ secretBase32: secret, accountName: user.username, issuer }), username: user.username };
}
