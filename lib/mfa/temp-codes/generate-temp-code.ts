// A3 "Generate Code": an admin issues a temporary verification code for a user who lost their
// method. The code is returned in clear once and stored only as a keyed hash. The user's row is
// locked for the checks, so concurrent requests cannot both pass "no active code" or the
// six-per-hour limit. Permission and High Assurance are checked by the caller's guard.
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { hashCode } from "@/lib/security/code-hash";
import { fail, type Result } from "@/lib/errors";
import { findActiveTempCode } from "./active-temp-code";
import { newTempCode, TEMP_CODE_MIN_HOURS, TEMP_CODES_PER_HOUR } from "./temp-code-policy";

const HOUR_MS = 3_600_000;

export interface GenerateTempCodeOptions {
  orgDb: OrgDb;
  orgId: string;
  actor: { id: string | null; label?: string };
  targetUserId: string;
  expiresInHours: number;
  /** B2: null = unlimited. */
  maxUses: number | null;
  reason: string;
  context: RequestContext;
  nowMs?: number;
}

export async function generateTempCode(opts: GenerateTempCodeOptions): Promise<Result<{ code: string; expiresAt: Date }>> {
  const nowMs = opts.nowMs ?? Date.now();
  if (opts.actor.id === opts.targetUserId) return fail("SELF_ACTION");
  const target = await opts.orgDb.user.findUnique({ where: { id: opts.targetUserId }, include: { org: { include: { settings: true } } } });
  if (!target) return fail("NOT_FOUND");
  if (!target.isActive) return fail("TARGET_INACTIVE");
  const maxHours = target.org.settings?.tempCodeMaxHours ?? 24;
  if (!Number.isInteger(opts.expiresInHours) || opts.expiresInHours < TEMP_CODE_MIN_HOURS || opts.expiresInHours > maxHours) {
    return fail("TEMP_CODE_EXPIRY_OUT_OF_RANGE");
  }
  if (!opts.reason.trim() || (opts.maxUses !== null && (!Number.isInteger(opts.maxUses) || opts.maxUses < 1))) return fail("INVALID_INPUT");

  return opts.orgDb.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${target.id}::uuid AND org_id = ${opts.orgId}::uuid FOR UPDATE`;
    if (await findActiveTempCode(tx, { userId: target.id, nowMs })) return fail("TEMP_CODE_ACTIVE");
    const recent = await tx.tempCode.findMany({
      where: { userId: target.id, createdAt: { gt: new Date(nowMs - HOUR_MS) } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    if (recent.length >= TEMP_CODES_PER_HOUR) {
      return fail("TEMP_CODE_RATE_LIMITED", { retryAt: new Date(recent[0]!.createdAt.getTime() + HOUR_MS) });
    }
    const code = newTempCode();
    const expiresAt = new Date(nowMs + opts.expiresInHours * HOUR_MS);
    await tx.tempCode.create({
      data: {
        orgId: opts.orgId,
        userId: target.id,
        codeHash: hashCode("temp-code", code),
        createdById: opts.actor.id,
        createdByLabel: opts.actor.label ?? null,
        reason: opts.reason.trim(),
        expiresAt,
        maxUses: opts.maxUses,
        createdAt: new Date(nowMs),
      },
    });
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: target.id,
      username: target.username,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "TEMP_CODE_GENERATED",
      method: "TEMP_CODE",
      status: "SUCCEEDED",
      context: opts.context,
      detail: { expiresAt: expiresAt.toISOString(), maxUses: opts.maxUses, reason: opts.reason.trim() },
    });
    return { ok: true as const, code, expiresAt };
  });
}
