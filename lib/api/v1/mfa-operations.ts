// REST: the seed's operation and the other MFA rescues (SPEC P2, A3–A6, B3) — the same lib verbs
// as the console, with the token's acting user as actor; every rule holds: self-action, reasons,
// one active code, six codes an hour (429 + Retry-After), second-administrator approval (202).
import { z } from "zod";
import { defineOperation, ok } from "@/lib/http/api-operation";
import { errorMessage } from "@/lib/errors";
import { resetMfa } from "@/lib/mfa/admin/reset-mfa";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { expireTempCode } from "@/lib/mfa/temp-codes/expire-temp-code";
import { formatTempCode } from "@/lib/mfa/temp-codes/temp-code-policy";
import { BULK_MAX_USERS } from "@/lib/users/bulk-user-action";
import { apiReason, DEMO_USER_ID_EXAMPLE, isoDateTime, userIdParam } from "./common";
import { reasonBody, tempCodeTermsBody } from "@/lib/api/bodies";

const pending = z
  .object({ userId: z.uuid(), result: z.literal("pending-approval"), requestId: z.uuid().optional() })
  .meta({ id: "PendingApproval", description: "Waiting for a second administrator (B3)." });
const resetCounts = z.object({
  authenticatorApps: z.number().int(),
  securityKeys: z.number().int(),
  recoveryCodes: z.number().int(),
  tempCodesExpired: z.number().int(),
  sessionsRevoked: z.number().int(),
});
const resetDone = z.object({ userId: z.uuid(), result: z.literal("reset"), removed: resetCounts }).meta({ id: "MfaReset" });

export const resetUserMfaOperation = defineOperation({
  operationId: "resetUserMfa",
  method: "PUT",
  path: "/users/{id}/mfa/reset",
  tag: "user",
  summary: "Reset MFA",
  description:
    "Removes every verification method and the recovery codes, expires the temporary code and ends the user's sessions; they register again at their next login (A6). " +
    "For an administrator, with the org's second-administrator policy on, it becomes a request (202).",
  action: "mfa.reset",
  params: userIdParam,
  body: reasonBody,
  bodyExample: { reason: "Lost phone, identity confirmed by a video call" },
  responses: { 200: { description: "MFA was reset.", schema: resetDone }, 202: { description: "Waiting for a second administrator.", schema: pending } },
  failures: ["NOT_FOUND", "SELF_ACTION", "RESET_ALREADY_REQUESTED"],
  async run({ orgDb, caller, actor, params, body, context, nowMs }) {
    const result = await resetMfa({ orgDb, orgId: caller.orgId, actor, targetUserId: params.id, reason: body.reason, context, nowMs });
    if (!result.ok) return result;
    return result.pendingApproval
      ? ok({ userId: params.id, result: "pending-approval" }, 202)
      : ok({ userId: params.id, result: "reset", removed: result.counts });
  },
});

const bulkResult = z
  .object({
    userId: z.uuid(),
    result: z.enum(["reset", "pending-approval", "refused"]),
    code: z.string().optional().meta({ description: "Why it was refused: a code of the Problem type." }),
    detail: z.string().optional(),
  })
  .meta({ id: "BulkResetResult" });

export const bulkResetMfaOperation = defineOperation({
  operationId: "resetMfaOfUsers",
  method: "PUT",
  path: "/users/mfa/reset",
  tag: "user",
  summary: "Reset MFA of several users",
  description: `Up to ${BULK_MAX_USERS} users, each in its own transaction with its own event; the answer has a result per user (B4).`,
  action: "bulk.reset-mfa",
  body: z.object({
    userIds: z.array(z.uuid("Not a valid user id.")).min(1, "Give at least one user id.").max(BULK_MAX_USERS, `At most ${BULK_MAX_USERS} users.`),
    reason: apiReason,
  }),
  bodyExample: { userIds: [DEMO_USER_ID_EXAMPLE], reason: "Offboarding of the contractor team" },
  responses: { 200: { description: "One result per user, in the order given.", schema: z.object({ results: z.array(bulkResult) }) } },
  async run({ orgDb, caller, actor, body, context, nowMs }) {
    const results = [];
    for (const userId of [...new Set(body.userIds)]) {
      const r = await resetMfa({ orgDb, orgId: caller.orgId, actor, targetUserId: userId, reason: body.reason, context, nowMs });
      if (!r.ok) results.push({ userId, result: "refused" as const, code: r.code, detail: errorMessage(r.code) });
      else results.push({ userId, result: r.pendingApproval ? ("pending-approval" as const) : ("reset" as const) });
    }
    return ok({ results });
  },
});

export const generateTempCodeOperation = defineOperation({
  operationId: "generateTempCode",
  method: "POST",
  path: "/users/{id}/temp-codes",
  tag: "user",
  summary: "Generate a temporary verification code",
  description:
    "The code is in this answer once and never again (only its hash is stored); it bypasses the user's other methods until it expires (A3). No message is sent to the user.",
  action: "temp-code.generate",
  params: userIdParam,
  body: tempCodeTermsBody,
  bodyExample: { expiresInHours: 1, maxUses: null, reason: "Lost phone, identity confirmed by a video call" },
  responses: {
    201: {
      description: "The code, shown once.",
      schema: z.object({ userId: z.uuid(), code: z.string().meta({ example: "1234 5678" }), expiresAt: isoDateTime }).meta({ id: "TempCode" }),
    },
    202: { description: "Waiting for a second administrator, who will see the code.", schema: pending },
  },
  failures: [
    "NOT_FOUND",
    "SELF_ACTION",
    "TARGET_INACTIVE",
    "TEMP_CODE_ACTIVE",
    "TEMP_CODE_RATE_LIMITED",
    "TEMP_CODE_EXPIRY_OUT_OF_RANGE",
    "RESET_ALREADY_REQUESTED",
  ],
  async run({ orgDb, caller, actor, params, body, context, nowMs }) {
    const result = await generateTempCode({
      orgDb,
      orgId: caller.orgId,
      actor,
      targetUserId: params.id,
      expiresInHours: body.expiresInHours,
      maxUses: body.maxUses ?? null,
      reason: body.reason,
      context,
      nowMs,
    });
    if (!result.ok) return result;
    if (result.pendingApproval) return ok({ userId: params.id, result: "pending-approval" }, 202);
    return ok({ userId: params.id, code: formatTempCode(result.code), expiresAt: result.expiresAt.toISOString() }, 201);
  },
});

export const expireTempCodeOperation = defineOperation({
  operationId: "expireTempCode",
  method: "DELETE",
  path: "/users/{id}/temp-codes/active",
  tag: "user",
  summary: "Expire Now",
  description: "Ends the user's active temporary code; their usual methods apply again (A4).",
  action: "temp-code.expire",
  params: userIdParam,
  responses: { 204: { description: "Expired." } },
  failures: ["NOT_FOUND", "NO_ACTIVE_TEMP_CODE"],
  async run({ orgDb, caller, actor, params, context, nowMs }) {
    const result = await expireTempCode({ orgDb, orgId: caller.orgId, actor, targetUserId: params.id, context, nowMs });
    return result.ok ? ok(null, 204) : result;
  },
});
