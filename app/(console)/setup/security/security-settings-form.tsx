"use client";
import { useActionState, useState } from "react";
import { toast } from "sonner";
import { Check as CheckIcon } from "lucide-react";
import { saveSecuritySettingsAction, type SettingsState } from "./actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { submitKeepingValues } from "@/components/ui/use-submit-keeping-values";
import { newStepUpWarnings, warningsConfirmation, type StepUpWarning } from "@/lib/auth/step-up-warnings";
import type { OrgSettings, VerificationMethod } from "@db/generated";

const METHODS: { value: VerificationMethod; label: string }[] = [
  { value: "PASSWORD", label: "Password alone" },
  { value: "TOTP", label: "Authenticator app" },
  { value: "WEBAUTHN", label: "Security key / passkey" },
  { value: "TEMP_CODE", label: "Temporary verification code" },
  { value: "RECOVERY_CODE", label: "Recovery code" },
];

function Warning({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <p id={id} className="ml-6 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <span className="font-medium">Warning: </span>
      {children}
    </p>
  );
}

/**
 * S2 login methods, warned about live (lib/auth/step-up-warnings.ts): a change that leaves people
 * without a way to High Assurance asks for "Save anyway", which the save checks again.
 */
function SessionLevelMethods({ saved, error, confirmError }: { saved: VerificationMethod[]; error?: string; confirmError?: string }) {
  const [ticked, setTicked] = useState<VerificationMethod[]>(saved);
  const warnings = newStepUpWarnings(saved, ticked);
  const byMethod = new Map(warnings.flatMap((w) => ("method" in w ? [[w.method as VerificationMethod, w] as const] : [])));
  const general = warnings.filter((w): w is Exclude<StepUpWarning, { method: unknown }> => !("method" in w));
  const confirmation = warningsConfirmation(warnings);
  const toggle = (method: VerificationMethod, on: boolean) => setTicked((now) => (on ? [...now, method] : now.filter((m) => m !== method)));
  return (
    <fieldset className="space-y-2" aria-describedby={["methods-hint", error ? "highAssuranceMethods-error" : null].filter(Boolean).join(" ")}>
      <legend className="font-medium">Session security levels</legend>
      <p id="methods-hint" className="text-xs text-slate-600">
        Logins completed with these methods get a High Assurance session; all others are Standard. Only ticked methods can be used to verify your identity again
        (step up) during a Standard session.
      </p>
      {METHODS.map((m) => {
        const warning = byMethod.get(m.value);
        return (
          <div key={m.value} className="space-y-1">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="highAssuranceMethods"
                value={m.value}
                checked={ticked.includes(m.value)}
                onChange={(e) => toggle(m.value, e.target.checked)}
                aria-describedby={warning ? `warning-${m.value}` : undefined}
                className="h-4 w-4"
              />
              {m.label}
            </label>
            {warning && <Warning id={`warning-${m.value}`}>{warning.message}</Warning>}
          </div>
        );
      })}
      <FieldError id="highAssuranceMethods" error={error} />
      {general.map((w) => (
        <Warning key={w.key} id={`warning-${w.key}`}>
          {w.message}
        </Warning>
      ))}
      {warnings.length > 0 && (
        // Keyed by what it confirms: a further change that brings a new warning asks again.
        <Check
          key={confirmation}
          name="confirmStepUpWarnings"
          value={confirmation}
          label="Save anyway: I have read the warnings above"
          defaultChecked={false}
          error={confirmError}
        />
      )}
      {warnings.length === 0 && <FieldError id="confirmStepUpWarnings" error={confirmError} />}
    </fieldset>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

function Check({
  name,
  label,
  hint,
  value,
  defaultChecked,
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  value?: string;
  defaultChecked: boolean;
  error?: string;
}) {
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name={name}
          value={value}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
          className="mt-0.5 h-4 w-4"
        />
        <span>
          {label}
          {hint && <span className="block text-xs text-slate-600">{hint}</span>}
        </span>
      </label>
      <FieldError id={name} error={error} />
    </div>
  );
}

const savedText = (saved: string[]) => (saved.length ? `Saved: ${saved.length} setting${saved.length > 1 ? "s" : ""} changed.` : "Saved: nothing changed.");

export function SecuritySettingsForm({ settings }: { settings: OrgSettings }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(async (prev, formData) => {
    const result = await saveSecuritySettingsAction(prev, formData);
    if (result.saved) toast.success(result.saved.length ? "Security settings saved." : "Nothing to save: no setting changed.");
    return result;
  }, {});
  const fe = state.fieldErrors ?? {};
  const num = (id: keyof OrgSettings, label: string, hint: string) => (
    <TextField id={id} name={id} label={label} hint={hint} type="number" inputMode="numeric" defaultValue={String(settings[id])} error={fe[id]} required />
  );
  return (
    <form onSubmit={submitKeepingValues(action)} className="space-y-6" noValidate>
      {state.error && <Alert>{state.error}</Alert>}
      <fieldset className="space-y-2">
        <legend className="font-medium">Multi-factor authentication</legend>
        <Check
          name="requireMfaForUiLogins"
          label="Require multi-factor authentication (MFA) for all direct UI logins"
          defaultChecked={settings.requireMfaForUiLogins}
          error={fe.requireMfaForUiLogins}
        />
      </fieldset>
      <SessionLevelMethods saved={settings.highAssuranceMethods} error={fe.highAssuranceMethods} confirmError={fe.confirmStepUpWarnings} />
      {num("highAssuranceMinutes", "High Assurance window (minutes)", "How long a verified session may do sensitive actions before stepping up again. 5–720.")}
      <fieldset className="space-y-2">
        <legend className="font-medium">Verification history</legend>
        <Check
          name="historyRequiresHighAssurance"
          label="Viewing or exporting the verification history requires High Assurance"
          hint="A Standard session verifies its identity again before reading or exporting Setup > Verification History."
          defaultChecked={settings.historyRequiresHighAssurance}
          error={fe.historyRequiresHighAssurance}
        />
      </fieldset>
      <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <legend className="col-span-full font-medium">Lockout</legend>
        {num("lockoutMaxAttempts", "Maximum failed attempts", "Password and verification failures count together. 3–100.")}
        {num("lockoutMinutes", "Lockout period (minutes)", "1–1440.")}
      </fieldset>
      <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <legend className="col-span-full font-medium">Sessions and temporary codes</legend>
        {num("sessionIdleMinutes", "Idle timeout (minutes)", "5–1440.")}
        {num("sessionAbsoluteHours", "Session lifetime (hours)", "1–24.")}
        {num("tempCodeMaxHours", "Longest temporary code expiry (hours)", "The most an admin may pick. 1–24.")}
      </fieldset>
      <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <legend className="col-span-full font-medium">Passwords</legend>
        {num(
          "passwordMinLength",
          "Shortest password (characters)",
          "8–64. No composition rules: length and a blocklist of breached passwords protect best (NIST SP 800-63B).",
        )}
        {num("activationLinkHours", "Activation link validity (hours)", "How long a new user's or a reset password's link works. 1–168.")}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-medium">Safeguards</legend>
        <Check
          name="requireSecondAdminForAdminReset"
          label="Require a second administrator to approve MFA resets of administrators"
          hint="Also covers a temporary code, disconnecting a method and a password reset for an administrator, from the console, the CLI and the API."
          defaultChecked={settings.requireSecondAdminForAdminReset}
          error={fe.requireSecondAdminForAdminReset}
        />
      </fieldset>
      <div className="flex items-center justify-end gap-3">
        {/* Beside the button the admin just pressed; gone as soon as they save again. */}
        <p role="status" className="text-sm text-green-800">
          {state.saved && !pending && (
            <span className="inline-flex items-center gap-1">
              <CheckIcon aria-hidden className="h-4 w-4" />
              {savedText(state.saved)}
            </span>
          )}
        </p>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
