"use client";
import { useActionState } from "react";
import { toast } from "sonner";
import { Check as CheckIcon } from "lucide-react";
import { saveSecuritySettingsAction, type SettingsState } from "@/app/(console)/setup/security/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { submitKeepingValues } from "@/components/ui/use-submit-keeping-values";
import type { OrgSettings } from "@db/generated";

const METHODS = [
  { value: "PASSWORD", label: "Password alone" },
  { value: "TOTP", label: "Authenticator app" },
  { value: "WEBAUTHN", label: "Security key / passkey" },
  { value: "TEMP_CODE", label: "Temporary verification code" },
  { value: "RECOVERY_CODE", label: "Recovery code" },
];

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

function Check({ name, label, hint, defaultChecked, error }: { name: string; label: string; hint?: string; defaultChecked: boolean; error?: string }) {
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
          className="mt-0.5 h-4 w-4"
        />
        <span>
          {label}
          {hint && <span className="block text-xs text-slate-500">{hint}</span>}
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
        <Check name="requireMfaForUiLogins" label="Require multi-factor authentication (MFA) for all direct UI logins" defaultChecked={settings.requireMfaForUiLogins} error={fe.requireMfaForUiLogins} />
      </fieldset>
      <fieldset className="space-y-2" aria-describedby={fe.highAssuranceMethods ? "highAssuranceMethods-error" : undefined}>
        <legend className="font-medium">Session security levels</legend>
        <p className="text-xs text-slate-500">Logins completed with these methods get a High Assurance session; all others are Standard.</p>
        {METHODS.map((m) => (
          <label key={m.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="highAssuranceMethods" value={m.value} defaultChecked={settings.highAssuranceMethods.includes(m.value as never)} className="h-4 w-4" />
            {m.label}
          </label>
        ))}
        <FieldError id="highAssuranceMethods" error={fe.highAssuranceMethods} />
        <Check
          name="historyRequiresHighAssurance"
          label="Viewing or exporting the verification history requires High Assurance"
          defaultChecked={settings.historyRequiresHighAssurance}
          error={fe.historyRequiresHighAssurance}
        />
        {num("highAssuranceMinutes", "High Assurance window (minutes)", "How long a verified session may do sensitive actions before stepping up again. 5–720.")}
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
        {num("passwordMinLength", "Shortest password (characters)", "8–64. No composition rules: length and a blocklist of breached passwords protect best (NIST SP 800-63B).")}
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
