"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAssuranceToAddMethod, requireSession } from "@/lib/next/guards";
import { getRequestContext } from "@/lib/next/request-context";
import { confirmTotpRegistration } from "@/lib/mfa/confirm-totp-registration";
import { methodNameSchema } from "@/lib/account/schemas";
import { totpCodeSchema } from "@/lib/api/schemas";
import { errorMessage } from "@/lib/errors";
import { ADD_AUTHENTICATOR_PATH, MY_SECURITY_PATH, noticePath } from "../state";

export interface AddAuthenticatorState {
  error?: string;
  fieldErrors?: { name?: string; code?: string };
  name?: string;
}

const schema = z.object({ name: methodNameSchema, code: totpCodeSchema });

export async function confirmAuthenticatorAction(_prev: AddAuthenticatorState, formData: FormData): Promise<AddAuthenticatorState> {
  await requireSession();
  const name = String(formData.get("name") ?? "");
  const parsed = schema.safeParse({ name, code: String(formData.get("code") ?? "") });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { name, fieldErrors: { name: errors.name?.[0], code: errors.code?.[0] } };
  }
  // Another method while one is registered is a sensitive change (B7): only with a fresh verification.
  const { user, orgDb } = await requireAssuranceToAddMethod(ADD_AUTHENTICATOR_PATH);
  const result = await confirmTotpRegistration({
    orgDb,
    me: { id: user.id, orgId: user.orgId, username: user.username },
    context: await getRequestContext(),
    ...parsed.data,
  });
  if (!result.ok) {
    return result.code === "INVALID_CODE" ? { name, fieldErrors: { code: errorMessage("INVALID_CODE") } } : { name, error: errorMessage(result.code) };
  }
  revalidatePath(MY_SECURITY_PATH);
  redirect(noticePath("authenticator-added"));
}
