// Setup > Security (SPEC S1–S4, B3, B5, L9): the org's settings as one zod schema with the ranges
// an admin may pick, and the update that records exactly what changed.
import { z } from "zod";
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";
import { ACTIVATION_LINK_HOURS_BOUNDS } from "@/lib/activation/activation-link";
import { PASSWORD_MIN_LENGTH_BOUNDS } from "@/lib/auth/password-rules";
import { newStepUpWarnings, unconfirmedWarnings } from "@/lib/auth/step-up-warnings";

// An HTML checkbox sends "on" when ticked and nothing when not; anything else is not a choice.
const checkbox = z.preprocess(
  (v) => (v === undefined || v === null || v === false || v === "" ? "off" : v === true ? "on" : v),
  z.enum(["on", "true", "off", "false"], "Tick the box or leave it empty.").transform((v) => v === "on" || v === "true"),
);
const int = (min: number, max: number, what: string) =>
  z.coerce.number().int(`${what} must be a whole number.`).min(min, `${what}: at least ${min}.`).max(max, `${what}: at most ${max}.`);

export const HIGH_ASSURANCE_METHOD_CHOICES = ["PASSWORD", "TOTP", "WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"] as const;

export const securitySettingsSchema = z.object({
  requireMfaForUiLogins: checkbox,
  highAssuranceMethods: z.array(z.enum(HIGH_ASSURANCE_METHOD_CHOICES)).default([]),
  historyRequiresHighAssurance: checkbox,
  lockoutMaxAttempts: int(3, 100, "Maximum failed attempts"),
  lockoutMinutes: int(1, 1440, "Lockout period"),
  tempCodeMaxHours: int(1, 24, "Longest temporary code expiry"),
  highAssuranceMinutes: int(5, 720, "High Assurance window"),
  sessionIdleMinutes: int(5, 1440, "Idle timeout"),
  sessionAbsoluteHours: int(1, 24, "Session lifetime"),
  requireSecondAdminForAdminReset: checkbox,
  activationLinkHours: int(ACTIVATION_LINK_HOURS_BOUNDS.min, ACTIVATION_LINK_HOURS_BOUNDS.max, "Activation link validity"),
  passwordMinLength: int(PASSWORD_MIN_LENGTH_BOUNDS.min, PASSWORD_MIN_LENGTH_BOUNDS.max, "Shortest password"),
});
export type SecuritySettingsInput = z.infer<typeof securitySettingsSchema>;

/** The form's "Save anyway": the warnings (lib/auth/step-up-warnings.ts) the admin saw and accepted. */
export const stepUpConfirmationSchema = z
  .string("That confirmation isn't one this form sends.")
  .max(500, "That confirmation is too long.")
  .regex(/^[A-Z_:,]*$/, "That confirmation isn't one this form sends.")
  .nullish();

export async function updateSecuritySettings(opts: {
  orgDb: OrgDb;
  orgId: string;
  actor: AdminActor;
  input: SecuritySettingsInput;
  /** Which step-up warnings the admin confirmed (`warningsConfirmation`); none by default. */
  stepUpConfirmation?: string | null;
  context: RequestContext;
}): Promise<Result<{ changed: string[] }>> {
  return opts.orgDb.$transaction(async (tx) => {
    const before = await tx.orgSettings.findUniqueOrThrow({ where: { orgId: opts.orgId } });
    // Checked against the row read in this transaction: what the form warned about live was
    // computed from the page's copy, which another admin may have changed since.
    const warnings = newStepUpWarnings(before.highAssuranceMethods, opts.input.highAssuranceMethods);
    if (unconfirmedWarnings(warnings, opts.stepUpConfirmation).length > 0) return fail("STEP_UP_WARNINGS_UNCONFIRMED");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(opts.input) as [keyof SecuritySettingsInput, unknown][]) {
      const old = before[key];
      const same = Array.isArray(old) && Array.isArray(value) ? [...old].sort().join() === [...value].sort().join() : old === value;
      if (!same) changes[key] = { from: old, to: value };
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { ok: true as const, changed };
    await tx.orgSettings.update({ where: { orgId: opts.orgId }, data: opts.input });
    await recordEvent(tx, {
      orgId: opts.orgId,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "SETTINGS_CHANGED",
      status: "SUCCEEDED",
      context: opts.context,
      detail: JSON.parse(JSON.stringify(changes)),
    });
    return { ok: true as const, changed };
  });
}
