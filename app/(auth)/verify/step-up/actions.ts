"use server";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireSession } from "@/lib/next/guards";
import { stepUpWithTotp } from "@/lib/auth/step-up-with-totp";
import { stepUpWithRecoveryCode } from "@/lib/auth/step-up-with-recovery-code";
import type { StepUpOptions } from "@/lib/auth/raise-session";
import { safeReturnPath } from "@/lib/auth/step-up-return";
import { recoveryCodeSchema, totpCodeSchema } from "@/lib/api/schemas";
import { failureState, type FailureState } from "@/lib/next/failure-state";
import { getRequestContext } from "@/lib/next/request-context";
import type { Result } from "@/lib/errors";

type StepUp = (opts: StepUpOptions) => Promise<Result>;

async function stepUp(formData: FormData, schema: z.ZodType<string, string>, verify: StepUp): Promise<FailureState> {
  const { session, user, orgDb } = await requireSession();
  const parsed = schema.safeParse(String(formData.get("code") ?? ""));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter the code." };
  const result = await verify({ orgDb, sessionId: session.id, userId: user.id, code: parsed.data, context: await getRequestContext() });
  if (!result.ok) {
    if (result.code === "NOT_FOUND" || result.code === "SESSION_ENDED") redirect("/login");
    return failureState(result);
  }
  // Checked again here: the hidden field is as much client input as the query string was.
  redirect(safeReturnPath(String(formData.get("next") ?? "")));
}

export async function stepUpTotpAction(_prev: FailureState, formData: FormData): Promise<FailureState> {
  return stepUp(formData, totpCodeSchema, stepUpWithTotp);
}

export async function stepUpRecoveryCodeAction(_prev: FailureState, formData: FormData): Promise<FailureState> {
  return stepUp(formData, recoveryCodeSchema, stepUpWithRecoveryCode);
}
