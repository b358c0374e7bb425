// "Regenerate" recovery codes on My security (SPEC B1, B7): a new set of 10 replaces every old
// code, used or not, and is returned in clear this once. High Assurance is checked by the
// caller's guard. The replacement and its event commit together.
import { recordEvent } from "@/lib/activity/record-event";
import { replaceRecoveryCodes } from "@/lib/mfa/recovery-codes";
import type { Result } from "@/lib/errors";
import { selfEvent, type AccountActionOptions } from "./account-action";

export async function regenerateMyRecoveryCodes(opts: AccountActionOptions): Promise<Result<{ codes: string[] }>> {
  return opts.orgDb.$transaction(async (tx) => {
    const replaced = await tx.recoveryCode.count({ where: { userId: opts.me.id, usedAt: null } });
    const codes = await replaceRecoveryCodes(tx, { orgId: opts.me.orgId, userId: opts.me.id });
    await recordEvent(tx, {
      ...selfEvent(opts),
      activity: "RECOVERY_CODES_GENERATED",
      method: "RECOVERY_CODE",
      status: "SUCCEEDED",
      detail: { count: codes.length, unusedReplaced: replaced, by: "self" },
    });
    return { ok: true as const, codes };
  });
}
