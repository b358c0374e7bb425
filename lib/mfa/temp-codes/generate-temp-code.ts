// A3 "Generate Code": an admin issues a temporary verification code for a user who lost their
// method. The code is returned in clear once and stored only as a keyed hash. The user's row is
// locked for the checks, so concurrent requests cannot both pass "no active code" or the
// six-per-hour limit. Permission and High Assurance are checked by the caller's guard. For an
// administrator while the org asks for it (B3), it becomes a request: the code is issued — and
// shown — only to the second administrator who approves it (lib/mfa/admin/decide-approval.ts).
import type { AnyTx, OrgDb } from "@/lib/db/tenant";
import { lockUserRow } from "@/lib/db/lock-user";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { hashCode } from "@/lib/security/code-hash";
import { fail, type Failure, type Result } from "@/lib/errors";
import { needsSecondAdminApproval } from "@/lib/policy/second-admin-approval";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";
import { requestApproval } from "@/lib/mfa/admin/request-approval";
import { findActiveTempCode } from "./active-temp-code";
import { newTempCode, TEMP_CODE_MIN_HOURS, TEMP_CODES_PER_HOUR } from "./temp-code-policy";

const HOUR_MS = 3_600_000;

export interface TempCodeTerms {
  expiresInHours: number;
  /** B2: null = unlimited. */
  maxUses: number | null;
  reason: string;
}

export interface GenerateTempCodeOptions extends TempCodeTerms {
  orgDb: OrgDb;
  orgId: string;
  actor: AdminActor;
  targetUserId: string;
  context: RequestContext;
  nowMs?: number;
}

export type GeneratedTempCode = { code: string; expiresAt: Date; pendingApproval?: false } | { pendingApproval: true; code?: undefined; expiresAt?: undefined };

export async function generateTempCode(opts: GenerateTempCodeOptions): Promise<Result<GeneratedTempCode>> {
  const nowMs = opts.nowMs ?? Date.now();
  if (opts.actor.id === opts.targetUserId) return fail("SELF_ACTION");
  const target = await opts.orgDb.user.findUnique({ where: { id: opts.targetUserId }, include: { org: { include: { settings: true } } } });
  if (!target) return fail("NOT_FOUND");
  const maxHours = target.org.settings?.tempCodeMaxHours ?? 24;
  if (!Number.isInteger(opts.expiresInHours) || opts.expiresInHours < TEMP_CODE_MIN_HOURS || opts.expiresInHours > maxHours) {
    return fail("TEMP_CODE_EXPIRY_OUT_OF_RANGE");
  }
  if (!opts.reason.trim() || (opts.maxUses !== null && (!Number.isInteger(opts.maxUses) || opts.maxUses < 1))) return fail("INVALID_INPUT");

  return retryOnDeadlock(() =>
    opts.orgDb.$transaction(async (tx): Promise<Result<GeneratedTempCode>> => {
      await lockUserRow(tx, target);
      const refused = await refuseTempCode(tx, { target, nowMs });
      if (refused) return refused;
      if (await needsSecondAdminApproval(tx, { orgId: opts.orgId, action: "temp-code.generate", targetUserId: target.id, nowMs })) {
        const params = { expiresInHours: opts.expiresInHours, maxUses: opts.maxUses };
        return requestApproval(tx, { ...opts, target, action: "TEMP_CODE", params, reason: opts.reason });
      }
      return { ok: true, ...(await issueTempCode(tx, { ...opts, target, nowMs })) };
    }),
  );
}

/** A3's refusals, read under the user's row lock: inactive, a code active, six this hour. */
export async function refuseTempCode(tx: AnyTx, opts: { target: { id: string; isActive: boolean }; nowMs: number }): Promise<Failure | null> {
  const fresh = await tx.user.findUniqueOrThrow({ where: { id: opts.target.id }, select: { isActive: true } });
  if (!fresh.isActive) return fail("TARGET_INACTIVE");
  if (await findActiveTempCode(tx, { userId: opts.target.id, nowMs: opts.nowMs })) return fail("TEMP_CODE_ACTIVE");
  const recent = await tx.tempCode.findMany({
    where: { userId: opts.target.id, createdAt: { gt: new Date(opts.nowMs - HOUR_MS) } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  if (recent.length >= TEMP_CODES_PER_HOUR) {
    return fail("TEMP_CODE_RATE_LIMITED", { retryAt: new Date(recent[0]!.createdAt.getTime() + HOUR_MS) });
  }
  return null;
}

/** The code and its event, for callers holding the user's row lock that passed refuseTempCode. */
export async function issueTempCode(
  tx: AnyTx,
  opts: TempCodeTerms & {
    orgId: string;
    actor: AdminActor;
    target: { id: string; username: string };
    context: RequestContext;
    nowMs: number;
    detail?: Record<string, string>;
  },
): Promise<{ code: string; expiresAt: Date }> {
  const code = newTempCode();
  const expiresAt = new Date(opts.nowMs + opts.expiresInHours * HOUR_MS);
  await tx.tempCode.create({
    data: {
      orgId: opts.orgId,
      userId: opts.target.id,
      codeHash: hashCode("temp-code", code),
      createdById: opts.actor.id,
      createdByLabel: opts.actor.label ?? null,
      reason: opts.reason.trim(),
      expiresAt,
      maxUses: opts.maxUses,
      createdAt: new Date(opts.nowMs),
    },
  });
  await recordEvent(tx, {
    orgId: opts.orgId,
    userId: opts.target.id,
    username: opts.target.username,
    actorId: opts.actor.id,
    actorLabel: opts.actor.label ?? null,
    activity: "TEMP_CODE_GENERATED",
    method: "TEMP_CODE",
    status: "SUCCEEDED",
    context: opts.context,
    detail: { expiresAt: expiresAt.toISOString(), maxUses: opts.maxUses, reason: opts.reason.trim(), ...opts.detail },
  });
  return { code, expiresAt };
}
