// "Add authenticator app" on My security, second step: the user proves the new app with a code
// and names it; only then is it registered. A wrong code is a FAILED registration event but no
// lockout count: the secret is on the user's own screen, so a wrong code guesses nothing.
import { recordEvent } from "@/lib/activity/record-event";
import { selfEvent, type AccountActionOptions } from "@/lib/account/account-action";
import { fail, type Result } from "@/lib/errors";
import { decryptTotpSecret } from "./totp-secret";
import { matchTotpStep } from "./totp";
import { openRegistrationWhere } from "./begin-totp-registration";

export async function confirmTotpRegistration(opts: AccountActionOptions & { code: string; name: string }): Promise<Result<{ factorId: string }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb, me } = opts;
  const name = opts.name.trim();
  if (!name) return fail("INVALID_INPUT");
  const factor = await orgDb.totpFactor.findFirst({ where: openRegistrationWhere(me.id, nowMs), orderBy: { createdAt: "desc" } });
  if (!factor) return fail("REGISTRATION_EXPIRED");
  const event = { ...selfEvent(opts), activity: "METHOD_REGISTERED", method: "TOTP" } as const;

  const step = matchTotpStep(decryptTotpSecret(factor), opts.code, nowMs);
  if (step === null) {
    await recordEvent(orgDb, { ...event, status: "FAILED", reason: "INVALID_CODE" });
    return fail("INVALID_CODE");
  }
  return orgDb.$transaction(async (tx) => {
    const confirmed = await tx.totpFactor.updateMany({
      where: { id: factor.id, userId: me.id, verifiedAt: null },
      data: { name, verifiedAt: new Date(nowMs), lastUsedStep: BigInt(step), lastUsedAt: new Date(nowMs) },
    });
    if (confirmed.count !== 1) return fail("REGISTRATION_EXPIRED");
    await recordEvent(tx, { ...event, status: "SUCCEEDED", detail: { name, by: "self" } });
    return { ok: true as const, factorId: factor.id };
  });
}
