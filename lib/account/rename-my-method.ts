// "Rename" on My security (SPEC B7): the user names their own authenticator apps and keys so they
// can tell them apart. The update is conditional on the row being the caller's own; the change
// and its METHOD_RENAMED event commit together.
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { selfEvent, type AccountActionOptions } from "./account-action";
import type { MethodKind } from "./list-my-methods";

export async function renameMyMethod(opts: AccountActionOptions & { kind: MethodKind; methodId: string; name: string }): Promise<Result> {
  const name = opts.name.trim();
  if (!name) return fail("INVALID_INPUT");
  return opts.orgDb.$transaction(async (tx) => {
    const where = { id: opts.methodId, userId: opts.me.id };
    const before =
      opts.kind === "TOTP"
        ? await tx.totpFactor.findFirst({ where: { ...where, verifiedAt: { not: null } }, select: { name: true } })
        : await tx.webAuthnCredential.findFirst({ where, select: { name: true } });
    if (!before) return fail("NOT_FOUND");
    const { count } =
      opts.kind === "TOTP"
        ? await tx.totpFactor.updateMany({ where: { ...where, verifiedAt: { not: null } }, data: { name } })
        : await tx.webAuthnCredential.updateMany({ where, data: { name } });
    if (count !== 1) return fail("NOT_FOUND");
    await recordEvent(tx, { ...selfEvent(opts), activity: "METHOD_RENAMED", method: opts.kind, status: "SUCCEEDED", detail: { from: before.name, to: name } });
    return { ok: true as const };
  });
}
