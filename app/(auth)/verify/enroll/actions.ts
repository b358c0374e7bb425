"use server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { confirmTotpEnrollment } from "@/lib/mfa/enroll-totp-at-login";
import { errorMessage } from "@/lib/errors";
import { getRequestContext } from "@/lib/next/request-context";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import type { CodeFormState } from "@/components/auth/code-form-state";

const codeSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code your authenticator app shows."));

export async function confirmEnrollmentAction(_prev: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const parsed = codeSchema.safeParse(String(formData.get("code") ?? ""));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const result = await confirmTotpEnrollment(await getDb(), {
    pendingToken: await readPendingCookie(),
    code: parsed.data,
    context: await getRequestContext(),
  });
  if (!result.ok) return { error: errorMessage(result.code), expired: result.code === "PENDING_LOGIN_EXPIRED" };
  return { ticket: result.ticket };
}
