// REST: Disconnect one method, Unlock, end all sessions (SPEC P2, A5, A8, B6, L9).
import { z } from "zod";
import { defineOperation, ok } from "@/lib/http/api-operation";
import { fail } from "@/lib/errors";
import { disconnectMethod } from "@/lib/mfa/admin/disconnect-method";
import { unlockUser } from "@/lib/users/unlock-user";
import { revokeUserSessions } from "@/lib/users/revoke-user-sessions";
import { apiReason, userIdParam } from "./common";

export const disconnectMethodOperation = defineOperation({
  operationId: "disconnectMethod",
  method: "DELETE",
  path: "/users/{id}/methods/{methodId}",
  tag: "user",
  summary: "Disconnect a verification method",
  description:
    "Removes one authenticator app or security key (A5). The reason travels as the `reason` query parameter: a DELETE body is dropped by many proxies and clients. " +
    "For an administrator, with the org's second-administrator policy on, it becomes a request (202).",
  action: "method.disconnect",
  params: userIdParam.extend({ methodId: z.uuid("Not a valid method id.").meta({ description: "From GET /users/{id}/methods." }) }),
  query: z.object({ reason: apiReason }),
  responses: {
    200: { description: "Disconnected.", schema: z.object({ userId: z.uuid(), methodId: z.uuid(), name: z.string(), result: z.literal("disconnected") }) },
    202: {
      description: "Waiting for a second administrator.",
      schema: z.object({ userId: z.uuid(), methodId: z.uuid(), name: z.string(), result: z.literal("pending-approval") }),
    },
  },
  failures: ["NOT_FOUND", "METHOD_NOT_FOUND", "SELF_ACTION", "RESET_ALREADY_REQUESTED"],
  async run({ orgDb, caller, actor, params, query, context, nowMs }) {
    const where = { id: params.methodId, userId: params.id };
    const type = (await orgDb.totpFactor.count({ where: { ...where, verifiedAt: { not: null } } }))
      ? "TOTP"
      : (await orgDb.webAuthnCredential.count({ where }))
        ? "WEBAUTHN"
        : null;
    // Not this user's (or not this org's): the same answer as a method that never existed.
    if (!type) return (await orgDb.user.count({ where: { id: params.id } })) ? fail("METHOD_NOT_FOUND") : fail("NOT_FOUND");
    const result = await disconnectMethod({
      orgDb,
      orgId: caller.orgId,
      actor,
      targetUserId: params.id,
      method: { type, id: params.methodId },
      reason: query.reason,
      context,
      nowMs,
    });
    if (!result.ok) return result;
    const body = { userId: params.id, methodId: params.methodId, name: result.name };
    return result.pendingApproval ? ok({ ...body, result: "pending-approval" }, 202) : ok({ ...body, result: "disconnected" });
  },
});

export const unlockUserOperation = defineOperation({
  operationId: "unlockUser",
  method: "POST",
  path: "/users/{id}/unlock",
  tag: "user",
  summary: "Unlock",
  description: "Lifts a lockout before its time runs out and clears the failed-attempt count (B6).",
  action: "user.unlock",
  params: userIdParam,
  responses: { 200: { description: "Unlocked.", schema: z.object({ userId: z.uuid(), result: z.literal("unlocked") }) } },
  failures: ["NOT_FOUND", "NOT_LOCKED", "SELF_ACTION"],
  async run({ orgDb, caller, actor, params, context, nowMs }) {
    const result = await unlockUser({ orgDb, orgId: caller.orgId, actor, targetUserId: params.id, context, nowMs });
    return result.ok ? ok({ userId: params.id, result: "unlocked" }) : result;
  },
});

export const revokeSessionsOperation = defineOperation({
  operationId: "revokeSessions",
  method: "POST",
  path: "/users/{id}/sessions/revoke",
  tag: "user",
  summary: "End all sessions",
  description: "Every session of the user ends on its next request, and no login in progress can finish (L9, A7).",
  action: "sessions.revoke",
  params: userIdParam,
  responses: { 200: { description: "Sessions ended.", schema: z.object({ userId: z.uuid(), revoked: z.number().int() }) } },
  failures: ["NOT_FOUND", "SELF_ACTION"],
  async run({ orgDb, caller, actor, params, context, nowMs }) {
    const result = await revokeUserSessions({ orgDb, orgId: caller.orgId, actor, targetUserId: params.id, context, nowMs });
    return result.ok ? ok({ userId: params.id, revoked: result.revoked }) : result;
  },
});
