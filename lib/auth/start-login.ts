// Step one of a UI login (SPEC L1, L2, L8, L11, L13): check the password, then decide what comes
// next. Until the password is known right, every username — unknown, locked, or real — runs the
// same statements and the same argon2 work, and gets the same answer; the bookkeeping of a
// failure (its event, a lock) is handed to `defer`, which the server action runs after the
// response is sent, so it cannot show in the response time (docs/decisions/009).
import type { Db } from "@/lib/db/client";
import { forOrg, type OrgDb } from "@/lib/db/tenant";
import type { VerificationMethod } from "@db/generated";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";
import { createPendingLogin, completePendingLogin } from "./pending-login";
import { isMfaRequired, firstChallenge, type Challenge } from "./mfa-policy";
import { failedEvent, failLoginStep, settingsOf } from "./login-failure";
import { effectivePermissions } from "@/lib/users/permissions";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Failure, type Result } from "@/lib/errors";
import { findActiveTempCode } from "@/lib/mfa/temp-codes/active-temp-code";
import { admitPasswordAttempt, refundAttempt, runningLock, settleSuccess } from "@/lib/security/lockout";
import { hitRateLimit, refundRateLimit, type RateLimitHit } from "@/lib/security/rate-limit";

export type StartLoginResult = Result<{ next: "session"; pendingToken: string; ticket: string } | { next: Challenge; pendingToken: string }>;

/** Runs bookkeeping that must not delay the answer; without one, it runs before returning. */
export type Defer = (task: () => Promise<void>) => void;

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
  opts: { username: string; password: string; context: RequestContext; nowMs?: number; defer?: Defer },
): Promise<StartLoginResult> {
  const nowMs = opts.nowMs ?? Date.now();
  const username = normalizeUsername(opts.username);
  const pendingTasks: (() => Promise<void>)[] = [];
  const later = (task: () => Promise<void>) => (opts.defer ? opts.defer(task) : pendingTasks.push(task));
  const answer = await checkPassword(db, { ...opts, username, nowMs, later });
  for (const task of pendingTasks) await task();
  return answer;
}

async function checkPassword(
  db: Db,
  opts: { username: string; password: string; context: RequestContext; nowMs: number; later: (task: () => Promise<void>) => void },
): Promise<StartLoginResult> {
  const { username, nowMs, context, later } = opts;
  // Throttles, lookup and admission: one transaction of the same statements for any username.
  const checked = await db.$transaction(async (tx) => {
    const hits = [
      await hitRateLimit(tx, { limit: "PASSWORD_FAILURES_PER_IP", subject: context.ip ?? "unknown", nowMs }),
      await hitRateLimit(tx, { limit: "PASSWORD_FAILURES_PER_USERNAME", subject: username, nowMs }),
    ];
    const refused = hits.find((h): h is Extract<RateLimitHit, { ok: false }> => !h.ok);
    if (refused) return { throttled: true as const, refused };
    const counted = hits.flatMap((h) => (h.ok ? [h.hit] : []));
    return { throttled: false as const, counted, row: await admitPasswordAttempt(tx, { username, nowMs }) };
  });

  if (checked.throttled) {
    const { refused } = checked;
    if (refused.firstRefusal) later(() => recordThrottled(db, { username, context, retryAt: refused.retryAt, limit: refused.limit }));
    return fail("RATE_LIMITED", { retryAt: refused.retryAt });
  }
  const { row, counted } = checked;

  if (!row) {
    // An unknown name belongs to no org, and events never cross orgs: no event (decisions/004).
    await verifyAgainstDummy(opts.password);
    return fail("INVALID_CREDENTIALS");
  }
  // Built only once needed: even creating the scoped client would show in the time (L1).
  const scoped = () => forOrg(db, row.orgId);
  if (!row.admitted) {
    // Locked: the same answer and the same work whatever the password, so guessing gets nothing
    // and a right password is not marked (L8). The lock's time is told only where a factor was
    // already proven (the challenge), never here.
    await verifyAgainstDummy(opts.password);
    later(async () => {
      const orgDb = scoped();
      const user = await loadUser(orgDb, row.id);
      const common = { user, method: "PASSWORD" as const, context, nowMs };
      const locked = await runningLock(orgDb, user, nowMs);
      await recordEvent(orgDb, failedEvent(common, locked ? "LOCKED" : "ATTEMPTS_IN_FLIGHT"));
    });
    return fail("INVALID_CREDENTIALS");
  }
  if (!(await verifyPassword(row.passwordHash, opts.password))) {
    later(async () => {
      const orgDb = scoped();
      const user = await loadUser(orgDb, row.id);
      await failLoginStep(orgDb, { user, method: "PASSWORD", context, nowMs, reason: "INVALID_CREDENTIALS", revealLockout: false });
    });
    return fail("INVALID_CREDENTIALS");
  }

  // The password is right: from here the answer may be specific (L1). Its throttle hits go back.
  for (const hit of counted) await refundRateLimit(db, hit);
  // A hash made with older argon2 parameters is replaced now that the password is known (L1).
  if (needsRehash(row.passwordHash)) later(() => rehashPassword(scoped(), { userId: row.id, oldHash: row.passwordHash, password: opts.password }));
  return continueAfterPassword(scoped(), { userId: row.id, username, context, nowMs });
}

/** Only if the hash is still the one verified: a password reset or change meanwhile wins. */
async function rehashPassword(orgDb: OrgDb, opts: { userId: string; oldHash: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(opts.password);
  await orgDb.user.updateMany({ where: { id: opts.userId, passwordHash: opts.oldHash }, data: { passwordHash } });
}

/**
 * What follows a proven password — at the login page, or a password just set with an activation
 * link (lib/activation): the user's state decides the second step, or the session when that is all.
 */
export async function continueAfterPassword(
  orgDb: OrgDb,
  opts: { userId: string; username: string; context: RequestContext; nowMs: number },
): Promise<StartLoginResult> {
  const { nowMs, context } = opts;
  const user = await loadUser(orgDb, opts.userId);
  const base = { orgId: user.orgId, userId: user.id, username: user.username, activity: "LOGIN", method: "PASSWORD", context } as const;
  const refuse = async (reason: "USER_INACTIVE" | "API_ONLY_USER"): Promise<Failure> => {
    await refundAttempt(orgDb, { user, nowMs });
    await recordEvent(orgDb, { ...base, status: "FAILED", reason });
    return fail(reason);
  };
  if (!user.isActive) return refuse("USER_INACTIVE");
  const permissions = effectivePermissions(user);
  if (permissions.has("API_ONLY")) return refuse("API_ONLY_USER");

  const settings = settingsOf(user);
  const mfaRequired = isMfaRequired({ settings, permissions, profileRequiredLevel: user.profile.requiredLevelAtLogin });

  const started = await orgDb.$transaction(async (tx) => {
    // A right password gives its attempt back (it does not reset the count: only a completed
    // login does), and a lock taken meanwhile stops it here.
    if (!(await settleSuccess(tx, { user, nowMs, completes: false }))) return null;
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
      context,
      nowMs,
    });
    // The history says what happened (V1): a password that is the whole login is "Login ·
    // Succeeded"; one a second factor follows is "Password verified", and the login's end — the
    // code, the key, or the registration of a first method — is its own "Login" event. (It was a
    // "Login · Pending" that stayed Pending for good when the user gave up.)
    await recordEvent(
      tx,
      passwordSuffices
        ? { ...base, status: "SUCCEEDED", detail: { next: "session" } }
        : { ...base, activity: "PASSWORD_VERIFIED", status: "SUCCEEDED", detail: { next: challenge } },
    );
    if (passwordSuffices) {
      const ticket = await completePendingLogin(tx, { id: pending.id, fromStage: "MFA_CHALLENGE", method: "PASSWORD" });
      if (!ticket) throw new Error("fresh pending login could not be completed");
      return { ok: true as const, next: "session" as const, pendingToken: pending.token, ticket };
    }
    return { ok: true as const, next: challenge, pendingToken: pending.token };
  });
  // Locked between the check and now: read like any refused password (L8).
  if (!started) {
    await recordEvent(orgDb, { ...base, status: "FAILED", reason: "LOCKED" });
    return fail("INVALID_CREDENTIALS");
  }
  return started;
}

function loadUser(orgDb: OrgDb, id: string) {
  return orgDb.user.findUniqueOrThrow({ where: { id }, include: { profile: true, org: { include: { settings: true } } } });
}

/** The first refusal of a throttle window: one event in the org of the name tried, if it is a user's. */
async function recordThrottled(db: Db, opts: { username: string; context: RequestContext; retryAt: Date; limit: string }): Promise<void> {
  const user = await db.user.findUnique({ where: { username: opts.username }, select: { id: true, orgId: true, username: true } });
  if (!user) {
    console.warn(`[rate-limit] ${opts.limit} refused password attempts from ${opts.context.ip ?? "unknown"} until ${opts.retryAt.toISOString()}`);
    return;
  }
  await recordEvent(forOrg(db, user.orgId), {
    orgId: user.orgId,
    userId: user.id,
    username: user.username,
    activity: "LOGIN",
    method: "PASSWORD",
    status: "FAILED",
    reason: "RATE_LIMITED",
    context: opts.context,
    detail: { limit: opts.limit, retryAt: opts.retryAt.toISOString() },
  });
}
