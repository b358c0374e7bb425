// Step one of a UI login (SPEC L1, L2, L8, L11): check the password, then decide what comes next.
// Runs before any org is known, so it reads the user through the unscoped client by its
// globally unique username; everything it writes carries that user's org.
import type { Db } from "@/lib/db/client";
import type { VerificationMethod } from "@db/generated";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { createPendingLogin, completePendingLogin } from "./pending-login";
import { isMfaRequired, firstChallenge, type Challenge } from "./mfa-policy";
import { failLoginStep, refuseIfLocked, settingsOf } from "./login-failure";
import { effectivePermissions } from "@/lib/users/permissions";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { findActiveTempCode } from "@/lib/mfa/temp-codes/active-temp-code";

export type StartLoginResult = Result<
  { next: "session"; pendingToken: string; ticket: string } | { next: Challenge; pendingToken: string }
>;

/** L2: what each challenge accepts. A temporary code is asked alone. */
const ALLOWED_METHODS: Record<Challenge, VerificationMethod[]> = {
  TEMP_CODE: ["TEMP_CODE"],
  WEBAUTHN: ["WEBAUTHN", "TOTP", "RECOVERY_CODE"],
  TOTP: ["TOTP", "RECOVERY_CODE"],
  ENROLL: [],
};

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
    // an unknown name belongs to no org, and events never cross orgs (docs/decisions/004).
    await verifyAgainstDummy(opts.password);
    return fail("INVALID_CREDENTIALS");
  }

  const common = { user, method: "PASSWORD" as const, context: opts.context, nowMs };
  if (!(await verifyPassword(user.passwordHash, opts.password))) {
    return failLoginStep(db, { ...common, reason: "INVALID_CREDENTIALS", revealLockout: false });
  }
  // Only after a correct password may the refusal be specific (L1).
  const locked = await refuseIfLocked(db, common);
  if (locked) return locked;
  const base = { orgId: user.orgId, userId: user.id, username, activity: "LOGIN", method: "PASSWORD", context: opts.context } as const;
  if (!user.isActive) {
    await recordEvent(db, { ...base, status: "FAILED", reason: "USER_INACTIVE" });
    return fail("USER_INACTIVE");
  }
  const permissions = effectivePermissions(user);
  if (permissions.has("API_ONLY")) {
    await recordEvent(db, { ...base, status: "FAILED", reason: "API_ONLY_USER" });
    return fail("API_ONLY_USER");
  }

  const settings = settingsOf(user);
  const mfaRequired = isMfaRequired({ settings, permissions, profileRequiredLevel: user.profile.requiredLevelAtLogin });

  return db.$transaction(async (tx) => {
    const [tempCode, webauthnCount, totpCount] = await Promise.all([
      findActiveTempCode(tx, { userId: user.id, nowMs }),
      tx.webAuthnCredential.count({ where: { userId: user.id } }),
      tx.totpFactor.count({ where: { userId: user.id, verifiedAt: { not: null } } }),
    ]);
    const challenge = firstChallenge({ hasActiveTempCode: tempCode !== null, webauthnCount, totpCount });
    // Password alone completes the login only when MFA is not required and no temporary code
    // (which bypasses and so replaces every other method) is active.
    const passwordSuffices = !mfaRequired && challenge !== "TEMP_CODE";
    const pending = await createPendingLogin(tx, {
      orgId: user.orgId,
      userId: user.id,
      stage: challenge === "ENROLL" && !passwordSuffices ? "ENROLLMENT" : "MFA_CHALLENGE",
      allowedMethods: passwordSuffices ? [] : ALLOWED_METHODS[challenge],
      context: opts.context,
      nowMs,
    });
    // The password step is Pending until the second factor is done (V1), Succeeded when it is all.
    await recordEvent(tx, { ...base, status: passwordSuffices ? "SUCCEEDED" : "PENDING", detail: { next: passwordSuffices ? "session" : challenge } });
    if (passwordSuffices) {
      const ticket = await completePendingLogin(tx, { id: pending.id, fromStage: "MFA_CHALLENGE", method: "PASSWORD" });
      if (!ticket) throw new Error("fresh pending login could not be completed");
      return { ok: true as const, next: "session" as const, pendingToken: pending.token, ticket };
    }
    return { ok: true as const, next: challenge, pendingToken: pending.token };
  });
}
