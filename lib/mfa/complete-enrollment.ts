// The end of every registration at login (L3), whatever the method: the pending login becomes
// COMPLETED with a single-use ticket, the registration and the login are events, and a user who has no recovery
// codes gets their first set (B1) — all in the caller's transaction. Null when the login can no
// longer be completed.
import type { VerificationMethod } from "@db/generated";
import { completePendingLogin } from "@/lib/auth/pending-login";
import type { AnyTx } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes";

export interface EnrollmentCompleted {
  ticket: string;
  /** Shown once before the session starts; null when the user already had codes. */
  recoveryCodes: string[] | null;
}

export async function completeEnrollment(
  tx: AnyTx,
  opts: {
    pendingLoginId: string;
    user: { id: string; orgId: string; username: string };
    method: VerificationMethod;
    methodName: string;
    context: RequestContext;
  },
): Promise<EnrollmentCompleted | null> {
  const ticket = await completePendingLogin(tx, { id: opts.pendingLoginId, fromStage: "ENROLLMENT", method: opts.method });
  // Completed by another request, or ended by an administrator meanwhile: the caller rolls back.
  if (!ticket) return null;
  const base = { orgId: opts.user.orgId, userId: opts.user.id, username: opts.user.username, context: opts.context };
  await recordEvent(tx, { ...base, activity: "METHOD_REGISTERED", method: opts.method, status: "SUCCEEDED", detail: { name: opts.methodName } });
  // Registering the first method is how this login ends (L3): a login, succeeded, like any other.
  await recordEvent(tx, { ...base, activity: "LOGIN", method: opts.method, status: "SUCCEEDED", detail: { via: "registration", name: opts.methodName } });
  let recoveryCodes: string[] | null = null;
  if ((await countUnusedRecoveryCodes(tx, opts.user.id)) === 0) {
    recoveryCodes = await replaceRecoveryCodes(tx, { orgId: opts.user.orgId, userId: opts.user.id });
    await recordEvent(tx, {
      ...base,
      activity: "RECOVERY_CODES_GENERATED",
      method: "RECOVERY_CODE",
      status: "SUCCEEDED",
      detail: { count: recoveryCodes.length },
    });
  }
  return { ticket, recoveryCodes };
}
