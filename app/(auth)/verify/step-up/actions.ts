"use server";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { requireSession } from "@/lib/next/guards";
import { stepUpWithTotp } from "@/lib/auth/step-up-with-totp";
import { stepUpWithRecoveryCode } from "@/lib/auth/step-up-with-recovery-code";
import { stepUpWithWebAuthn } from "@/lib/auth/step-up-with-webauthn";
import { beginWebAuthnStepUp } from "@/lib/mfa/webauthn/begin-webauthn-step-up";
import { authenticationResponseSchema } from "@/lib/mfa/webauthn/schemas";
import type { StepUpOptions } from "@/lib/auth/raise-session";
import { safeReturnPath } from "@/lib/auth/step-up-return";
import { recoveryCodeSchema, totpCodeSchema } from "@/lib/api/schemas";
import { failureState, type FailureState } from "@/lib/next/failure-state";
import { getRequestContext } from "@/lib/next/request-context";
import { errorMessage, type Result } from "@/lib/errors";
import type { KeyCeremonyState } from "@/components/auth/key-ceremony";

type StepUp = (opts: StepUpOptions) => Promise<Result>;

async function stepUp(formData: FormData, schema: z.ZodType<string, string>, verify: StepUp): Promise<FailureState> {
  const { session, user, orgDb } = await requireSession();
  const parsed = schema.safeParse(String(formData.get("code") ?? ""));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter the code." };
  const result = await verify({ orgDb, sessionId: session.id, userId: user.id, code: parsed.data, context: await getRequestContext() });
  return answer(result, formData.get("next"));
}

/** A refusal for the form; a success goes on to `next`; a session gone goes to log in. */
function answer(result: Result, next: unknown): FailureState {
  if (!result.ok) {
    if (result.code === "NOT_FOUND" || result.code === "SESSION_ENDED") redirect("/login");
    return failureState(result);
  }
  // Checked again here: the hidden field is as much client input as the query string was.
  redirect(safeReturnPath(typeof next === "string" ? next : ""));
}

export async function stepUpTotpAction(_prev: FailureState, formData: FormData): Promise<FailureState> {
  return stepUp(formData, totpCodeSchema, stepUpWithTotp);
}

export async function stepUpRecoveryCodeAction(_prev: FailureState, formData: FormData): Promise<FailureState> {
  return stepUp(formData, recoveryCodeSchema, stepUpWithRecoveryCode);
}

/** Security key or passkey, step one: options for the browser's prompt; the challenge stays here, bound to this session. */
export async function stepUpKeyOptionsAction(): Promise<KeyCeremonyState<PublicKeyCredentialRequestOptionsJSON>> {
  const { session, user, orgDb } = await requireSession();
  const result = await beginWebAuthnStepUp({ orgDb, sessionId: session.id, userId: user.id });
  if (!result.ok && result.code === "NOT_FOUND") redirect("/login");
  return result.ok ? { options: result.options } : failureState(result);
}

/** Step two: the key's signed answer; success raises the session and goes on to `next`. */
export async function stepUpKeyAction(response: unknown, next: unknown): Promise<KeyCeremonyState> {
  const { session, user, orgDb } = await requireSession();
  const parsed = authenticationResponseSchema.safeParse(response);
  if (!parsed.success) return { error: errorMessage("INVALID_KEY_RESPONSE") };
  const result = await stepUpWithWebAuthn({ orgDb, sessionId: session.id, userId: user.id, response: parsed.data, context: await getRequestContext() });
  return answer(result, next);
}
