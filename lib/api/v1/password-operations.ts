// REST: Reset password (SPEC W2) — the console's verb with the token's acting user as actor. The
// activation link is in this one answer only (no-store, like a temporary code); the user's
// methods stay. For an administrator, with the org's second-administrator policy on, a request.
import { z } from "zod";
import { defineOperation, ok } from "@/lib/http/api-operation";
import { resetPassword } from "@/lib/users/reset-password";
import { reasonBody } from "@/lib/api/bodies";
import { isoDateTime, userIdParam } from "./common";

const passwordReset = z
  .object({
    userId: z.uuid(),
    result: z.literal("reset"),
    activationUrl: z.url().meta({ description: "Give it to the user: they set a new password with it, once. Shown only in this answer." }),
    expiresAt: isoDateTime,
    sessionsRevoked: z.number().int(),
  })
  .meta({ id: "PasswordReset" });

export const resetPasswordOperation = defineOperation({
  operationId: "resetUserPassword",
  method: "POST",
  path: "/users/{id}/password/reset",
  tag: "user",
  summary: "Reset password",
  description:
    "The user's password stops working, every session and login in progress ends, and a one-time activation link is issued where they set a new one (W1, W2). Their verification methods stay. " +
    "For an administrator, with the org's second-administrator policy on, it becomes a request (202); the approving administrator sees the link.",
  action: "password.reset",
  params: userIdParam,
  body: reasonBody,
  bodyExample: { reason: "Forgot password, identity confirmed by a call back" },
  responses: {
    200: { description: "Password reset; the activation link is in this answer only.", schema: passwordReset },
    202: { description: "Waiting for a second administrator.", schema: z.object({ userId: z.uuid(), result: z.literal("pending-approval") }) },
  },
  failures: ["NOT_FOUND", "SELF_ACTION", "RESET_ALREADY_REQUESTED"],
  async run({ orgDb, caller, actor, params, body, context, nowMs }) {
    const result = await resetPassword({ orgDb, orgId: caller.orgId, actor, targetUserId: params.id, reason: body.reason, context, nowMs });
    if (!result.ok) return result;
    if (result.pendingApproval) return ok({ userId: params.id, result: "pending-approval" as const }, 202);
    return ok({
      userId: params.id,
      result: "reset" as const,
      activationUrl: result.link.url,
      expiresAt: result.link.expiresAt.toISOString(),
      sessionsRevoked: result.sessionsRevoked,
    });
  },
});
