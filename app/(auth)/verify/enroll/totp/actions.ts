"use server";
import { getDb } from "@/lib/db/client";
import { confirmTotpEnrollment } from "@/lib/mfa/confirm-totp-enrollment";
import { totpCodeSchema } from "@/lib/api/schemas";
import { failureState } from "@/lib/next/failure-state";
import { getRequestContext } from "@/lib/next/request-context";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import type { CodeFormState } from "@/components/auth/code-form-state";

export async function confirmEnrollmentAction(_prev: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const parsed = totpCodeSchema.safeParse(String(formData.get("code") ?? ""));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const result = await confirmTotpEnrollment(await getDb(), {
    pendingToken: await readPendingCookie(),
    code: parsed.data,
    context: await getRequestContext(),
  });
  return result.ok ? { ticket: result.ticket, recoveryCodes: result.recoveryCodes ?? undefined } : failureState(result);
}
