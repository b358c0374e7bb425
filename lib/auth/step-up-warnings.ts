// Setup > Security (S2): which changes to "logins that give a High Assurance session" would leave
// people without a way to High Assurance. The same set also decides which methods may step up (006),
// so unticking "Authenticator app" makes app logins Standard *and* takes the app away from
// "Verify your identity". Pure, so the form warns live and the save re-checks the same answer.
import type { VerificationMethod } from "@db/generated";
import { STEP_UP_ORDER, type StepUpMethod } from "./step-up-methods";

/** Methods that complete a login; "Password alone" is Standard by default and warns about nothing. */
const LOGIN_METHODS = ["WEBAUTHN", "TOTP", "TEMP_CODE", "RECOVERY_CODE"] as const satisfies readonly VerificationMethod[];
type LoginMethod = (typeof LOGIN_METHODS)[number];

const NAMES: Record<LoginMethod, string> = {
  WEBAUTHN: "a security key or passkey",
  TOTP: "the authenticator app",
  TEMP_CODE: "a temporary code",
  RECOVERY_CODE: "a recovery code",
};

export type StepUpWarning =
  /** Logins with this method would be Standard, and the method could not step up either. */
  | { key: `LOGIN_STANDARD:${LoginMethod}`; method: LoginMethod; message: string }
  /** Single-use recovery codes would be the only way to step up. */
  | { key: "RECOVERY_CODES_ONLY"; message: string }
  /** No method could step up: a Standard session stays Standard. */
  | { key: "NO_STEP_UP"; message: string };

const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`);

export function stepUpWarnings(methods: readonly VerificationMethod[]): StepUpWarning[] {
  const allowed = new Set(methods);
  const stepUp: StepUpMethod[] = STEP_UP_ORDER.filter((m) => allowed.has(m));
  const warnings: StepUpWarning[] = [];
  for (const method of LOGIN_METHODS) {
    if (allowed.has(method)) continue;
    const others = stepUp.filter((m) => m !== method).map((m) => NAMES[m]);
    const canItself = method === "TEMP_CODE" ? "a temporary code never steps up" : `${NAMES[method]} could no longer step up`;
    const way = others.length
      ? `those users reach High Assurance only with ${list(others)}, if they have one`
      : "those users could not reach High Assurance at all";
    warnings.push({
      key: `LOGIN_STANDARD:${method}`,
      method,
      message: `Logging in with ${NAMES[method]} would give a Standard session, and ${canItself}: ${way}.`,
    });
  }
  if (stepUp.length === 1 && stepUp[0] === "RECOVERY_CODE") {
    warnings.push({
      key: "RECOVERY_CODES_ONLY",
      message:
        "Recovery codes would be the only way to step up. Each works once: whoever has used theirs up is left without High Assurance — and High Assurance is what changing these settings needs.",
    });
  }
  if (stepUp.length === 0) {
    warnings.push({
      key: "NO_STEP_UP",
      message:
        "No method could step up: a Standard session could never become High Assurance, so High Assurance actions — these settings among them — would need a fresh login with a ticked method.",
    });
  }
  return warnings;
}

/**
 * What a change from `before` to `after` newly breaks: a setting already saved this way was
 * accepted before and is not asked about again on every save.
 */
export function newStepUpWarnings(before: readonly VerificationMethod[], after: readonly VerificationMethod[]): StepUpWarning[] {
  const existing = new Set(stepUpWarnings(before).map((w) => w.key));
  return stepUpWarnings(after).filter((w) => !existing.has(w.key));
}

/** The value the confirmation sends: it confirms exactly the warnings shown, not whatever a later change adds. */
export function warningsConfirmation(warnings: readonly StepUpWarning[]): string {
  return warnings
    .map((w) => w.key)
    .sort()
    .join(",");
}

export function unconfirmedWarnings(warnings: readonly StepUpWarning[], confirmation: string | null | undefined): StepUpWarning[] {
  const confirmed = new Set((confirmation ?? "").split(","));
  return warnings.filter((w) => !confirmed.has(w.key));
}
