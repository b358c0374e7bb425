"use server";
import { z } from "zod";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { getDb } from "@/lib/db/client";
import { beginWebAuthnEnrollment } from "@/lib/mfa/webauthn/begin-webauthn-enrollment";
import { confirmWebAuthnEnrollment } from "@/lib/mfa/webauthn/confirm-webauthn-enrollment";
import { keyNameSchema, registrationResponseSchema } from "@/lib/mfa/webauthn/schemas";
import { errorMessage } from "@/lib/errors";
import { failureState } from "@/lib/next/failure-state";
import { getRequestContext } from "@/lib/next/request-context";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import type { KeyCeremonyState } from "@/components/auth/key-ceremony";

/** Step one: the name is checked before the key is asked for, then options for the prompt. */
export async function registrationOptionsAction(name: unknown): Promise<KeyCeremonyState<PublicKeyCredentialCreationOptionsJSON>> {
  const parsed = keyNameSchema.safeParse(name);
  if (!parsed.success) return { nameError: parsed.error.issues[0]?.message };
  const result = await beginWebAuthnEnrollment(await getDb(), { pendingToken: await readPendingCookie() });
  return result.ok ? { options: result.options } : failureState(result);
}

const registrationSchema = z.object({ name: keyNameSchema, response: registrationResponseSchema });

/** Step two: the new credential, under the chosen name; success brings the first recovery codes. */
export async function registerSecurityKeyAction(input: unknown): Promise<KeyCeremonyState> {
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) {
    const nameError = z.flattenError(parsed.error).fieldErrors.name?.[0];
    return nameError ? { nameError } : { error: errorMessage("INVALID_KEY_RESPONSE") };
  }
  const result = await confirmWebAuthnEnrollment(await getDb(), {
    pendingToken: await readPendingCookie(),
    name: parsed.data.name,
    response: parsed.data.response,
    context: await getRequestContext(),
  });
  return result.ok ? { ticket: result.ticket, recoveryCodes: result.recoveryCodes ?? undefined } : failureState(result);
}
