// Step one of a UI login (SPEC L1, L2, L11): check the password, then decide what comes next.
// Runs before any org is known, so it reads the user through the unscoped client by its
// globally unique username; everything it writes carries that user's org.
import type { Db } from "@/lib/db/client";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { createPendingLogin, completePendingLogin } from "./pending-login";
import { isMfaRequired, firstChallenge, type Challenge } from "./mfa-policy";
import { effectivePermissions } from "@/lib/users/permissions";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { findActiveTempCode } from "@/lib/mfa/temp-code-state";

export type StartLoginResult = Result<
  | { next: "session"; pendingToken: string; ticket: string }
  | { next: Challenge; pendingToken: string }
>;

export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

export async function startPasswordLogin(
  db: Db,
  opts: { username: string; password: string; context: RequestContext; nowMs?: number },
): Promise<StartLoginResult> {
  const nowMs = opts.nowMs ?? Date.now();
  const username = normalizeUsername(opts.username);
  const user = await db.user.findUnique({
    where: { username },
    include: { profile: true, org: { include: { settings: true } } },
  });

  if (!user) {
    // Same work, same answer as a wrong password, so usernames cannot be probed (L1). No event:
    // an unknown name belongs to no org, and events never cross orgs.
    await verifyAgainstDummy(opts.password);
    return fail("INVALID_CREDENTIALS");
  }

  const base = { orgId: user.orgId, userId: user.id, username, activity: "LOGIN", method: "PASSWORD", context: opts.context } as const;
  if (!(await verifyPassword(user.passwordHash, opts.password))) {
    await recordEvent(db, { ...base, status: "FAILED", reason: "INVALID_CREDENTIALS" });
    return fail("INVALID_CREDENTIALS");
  }
  // Only after a correct password may the refusal be specific (L1).
  if (!user.isActive) {
    await recordEvent(db, { ...base, status: "FAILED", reason: "USER_INACTIVE" });
    return fail("USER_INACTIVE");
  }
  const permissions = effectivePermissions(user);
  if (permissions.has("API_ONLY")) {
    await recordEvent(db, { ...base, status: "FAILED", reason: "API_ONLY_USER" });
    return fail("API_ONLY_USER");
  }

  const settings = user.org.settings;
  if (!settings) throw new Error(`org ${user.orgId} has no settings row`);
  const mfaRequired = isMfaRequired({ settings, permissions, profileRequiredLevel: user.profile.requiredLevelAtLogin });

  return db.$transaction(async (tx) => {
    const [tempCode, webauthnCount, totpCount] = await Promise.all([
      findActiveTempCode(tx, { userId: user.id, nowMs }),
      tx.webAuthnCredential.count({ where: { userId: user.id } }),
      tx.totpFactor.count({ where: { userId: user.id, verifiedAt: { not: null } } }),
    ]);
    const challenge = firstChallenge({ hasActiveTempCode: tempCode !== null, webauthnCount, totpCount });
    // Password alone completes the login only when MFA is not required and nothing overrides it.
    const passwordSuffices = !mfaRequired && challenge !== "TEMP_CODE";
    const stage = challenge === "ENROLL" && !passwordSuffices ? "ENROLLMENT" : "MFA_CHALLENGE";
    const pending = await createPendingLogin(tx, { orgId: user.orgId, userId: user.id, stage, context: opts.context, nowMs });
    await recordEvent(tx, { ...base, status: "SUCCEEDED", detail: { next: passwordSuffices ? "session" : challenge } });
    if (passwordSuffices) {
      const ticket = await completePendingLogin(tx, { id: pending.id, fromStage: "MFA_CHALLENGE", method: "PASSWORD" });
      if (!ticket) throw new Error("fresh pending login could not be completed");
      return { ok: true as const, next: "session" as const, pendingToken: pending.token, ticket };
    }
    return { ok: true as const, next: challenge, pendingToken: pending.token };
  });
}
