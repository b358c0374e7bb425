// Which ways of "Verify your identity" a signed-in user has (SPEC L10): their own registered
// methods that the org counts as High Assurance (S2), in the L2 order — security key first, then
// authenticator app, then a recovery code.
import type { VerificationMethod } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";

export type StepUpMethod = Extract<VerificationMethod, "WEBAUTHN" | "TOTP" | "RECOVERY_CODE">;
export const STEP_UP_ORDER: readonly StepUpMethod[] = ["WEBAUTHN", "TOTP", "RECOVERY_CODE"];

export interface StepUpMethods {
  /** Usable here, in the order the page offers them. */
  usable: StepUpMethod[];
  /** Anything registered at all (methods, or unused recovery codes). */
  hasAnyMethod: boolean;
}

export async function listStepUpMethods(orgDb: OrgDb, opts: { userId: string }): Promise<StepUpMethods> {
  const [keys, apps, codes, settings] = await Promise.all([
    orgDb.webAuthnCredential.count({ where: { userId: opts.userId } }),
    orgDb.totpFactor.count({ where: { userId: opts.userId, verifiedAt: { not: null } } }),
    orgDb.recoveryCode.count({ where: { userId: opts.userId, usedAt: null } }),
    orgDb.orgSettings.findFirst(),
  ]);
  const registered: Record<StepUpMethod, boolean> = { WEBAUTHN: keys > 0, TOTP: apps > 0, RECOVERY_CODE: codes > 0 };
  const allowed = new Set(settings?.highAssuranceMethods ?? []);
  return {
    usable: STEP_UP_ORDER.filter((m) => registered[m] && allowed.has(m)),
    hasAnyMethod: keys + apps + codes > 0,
  };
}
