"use server";
import { getDb } from "@/lib/db/client";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { totpCodeSchema } from "@/lib/api/schemas";
import { failureState } from "@/lib/next/failure-state";
import { finishLoginOnServer } from "@/lib/next/sign-in-with-ticket";
import { getRequestContext } from "@/lib/next/request-context";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import type { CodeFormState } from "@/components/auth/code-form-state";

export async function verifyTotpAction(_prev: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const parsed = totpCodeSchema.safeParse(String(formData.get("code") ?? ""));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const result = await verifyTotpAtLogin(await getDb(), {
    pendingToken: await readPendingCookie(),
    code: parsed.data,
    context: await getRequestContext(),
    openSession: true,
  });
  // The session is made here and the answer is a redirect to the start page (lib/next/sign-in-with-ticket.ts).
  return result.ok ? finishLoginOnServer(result) : failureState(result);
}
