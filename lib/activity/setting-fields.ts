// Setup > Security's settings as the history names them (SETTINGS_CHANGED writes
// { setting: { from, to } }, lib/orgs/security-settings.ts): the form's label and the unit.
// Keyed by the settings schema, so a new setting without a label fails typecheck here.
import type { SecuritySettingsInput } from "@/lib/orgs/security-settings";
import { METHOD_LABELS } from "./kinds";
import { plainValue, type Json } from "./detail-values";

type SettingField = { label: string; format: (value: Json) => string };

const unit = (suffix: string) => (v: Json) => (typeof v === "number" ? `${v} ${suffix}` : plainValue(v));
const onOff = (v: Json) => (typeof v === "boolean" ? (v ? "On" : "Off") : plainValue(v));
const methods = (v: Json) =>
  Array.isArray(v)
    ? v.length === 0
      ? "none"
      : plainValue(
          v.map((m) =>
            m === "PASSWORD" ? "Password alone" : typeof m === "string" && Object.hasOwn(METHOD_LABELS, m) ? METHOD_LABELS[m as keyof typeof METHOD_LABELS] : m,
          ),
        )
    : plainValue(v);

export const SETTING_FIELDS: Record<string, SettingField> = {
  requireMfaForUiLogins: { label: "Require MFA for UI logins", format: onOff },
  highAssuranceMethods: { label: "Methods that give High Assurance", format: methods },
  historyRequiresHighAssurance: { label: "History needs High Assurance", format: onOff },
  lockoutMaxAttempts: { label: "Maximum failed attempts", format: unit("attempts") },
  lockoutMinutes: { label: "Lockout period", format: unit("min") },
  tempCodeMaxHours: { label: "Longest temporary code expiry", format: unit("h") },
  highAssuranceMinutes: { label: "High Assurance window", format: unit("min") },
  sessionIdleMinutes: { label: "Idle timeout", format: unit("min") },
  sessionAbsoluteHours: { label: "Session lifetime", format: unit("h") },
  requireSecondAdminForAdminReset: { label: "Second administrator approves resets of administrators", format: onOff },
  activationLinkHours: { label: "Activation link validity", format: unit("h") },
  passwordMinLength: { label: "Shortest password", format: unit("characters") },
} satisfies Record<keyof SecuritySettingsInput, SettingField>;
