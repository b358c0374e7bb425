// A5 "Disconnect": removes one verification method of a user — one authenticator app or one
// security key, never all of them — with the reason kept in the event (B3). With none left and
// MFA required, the user registers again at the next login (L3).
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { loadTarget, type AdminActionOptions } from "./admin-action";

export async function disconnectMethod(
  opts: AdminActionOptions & { method: { type: "TOTP" | "WEBAUTHN"; id: string }; reason: string },
): Promise<Result<{ name: string }>> {
  const loaded = await loadTarget(opts, opts.reason);
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  return opts.orgDb.$transaction(async (tx) => {
    const where = { id: opts.method.id, userId: target.id };
    const found =
      opts.method.type === "TOTP"
        ? await tx.totpFactor.findFirst({ where: { ...where, verifiedAt: { not: null } } })
        : await tx.webAuthnCredential.findFirst({ where });
    if (!found) return fail("METHOD_NOT_FOUND");
    const { count } =
      opts.method.type === "TOTP" ? await tx.totpFactor.deleteMany({ where }) : await tx.webAuthnCredential.deleteMany({ where });
    if (count !== 1) return fail("METHOD_NOT_FOUND");
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: target.id,
      username: target.username,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "METHOD_DISCONNECTED",
      method: opts.method.type,
      status: "SUCCEEDED",
      context: opts.context,
      detail: { name: found.name, reason: opts.reason.trim() },
    });
    return { ok: true as const, name: found.name };
  });
}
