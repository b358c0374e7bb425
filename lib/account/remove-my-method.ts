// "Remove" on My security (SPEC B7, A5 for oneself): deletes one of the user's own authenticator
// apps or keys. High Assurance is checked by the caller's guard. With none left and MFA required,
// the next login asks to register again (L3). The delete and its event commit together.
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { selfEvent, type AccountActionOptions } from "./account-action";
import type { MethodKind } from "./list-my-methods";

export async function removeMyMethod(opts: AccountActionOptions & { kind: MethodKind; methodId: string }): Promise<Result<{ remainingMethods: number }>> {
  return opts.orgDb.$transaction(async (tx) => {
    const where = { id: opts.methodId, userId: opts.me.id };
    const row =
      opts.kind === "TOTP"
        ? await tx.totpFactor.findFirst({ where: { ...where, verifiedAt: { not: null } }, select: { name: true } })
        : await tx.webAuthnCredential.findFirst({ where, select: { name: true } });
    if (!row) return fail("NOT_FOUND");
    const { count } = opts.kind === "TOTP" ? await tx.totpFactor.deleteMany({ where }) : await tx.webAuthnCredential.deleteMany({ where });
    if (count !== 1) return fail("NOT_FOUND");
    const [apps, keys] = await Promise.all([
      tx.totpFactor.count({ where: { userId: opts.me.id, verifiedAt: { not: null } } }),
      tx.webAuthnCredential.count({ where: { userId: opts.me.id } }),
    ]);
    const remainingMethods = apps + keys;
    await recordEvent(tx, {
      ...selfEvent(opts),
      activity: "METHOD_DISCONNECTED",
      method: opts.kind,
      status: "SUCCEEDED",
      detail: { name: row.name, remainingMethods, by: "self" },
    });
    return { ok: true as const, remainingMethods };
  });
}
