"use server";
// "Add security key or passkey" (SPEC B7): session guard → (High Assurance once anything is
// registered) → zod → one lib call bound to this session and its user → an answer.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { requireAssuranceToAddMethod } from "@/lib/next/guards";
import type { CurrentSession } from "@/lib/next/current-session";
import { getRequestContext } from "@/lib/next/request-context";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { beginKeyRegistration } from "@/lib/mfa/webauthn/begin-key-registration";
import { confirmKeyRegistration } from "@/lib/mfa/webauthn/confirm-key-registration";
import { keyNameSchema, registrationResponseSchema } from "@/lib/mfa/webauthn/schemas";
import { errorMessage, type Failure } from "@/lib/errors";
import type { KeyCeremonyState } from "@/components/auth/key-ceremony";
import { ADD_KEY_PATH, MY_SECURITY_PATH, noticePath } from "../state";

function mine({ session, user, orgDb }: CurrentSession) {
  return { orgDb, sessionId: session.id, me: { id: user.id, orgId: user.orgId, username: user.username } };
}

function refused(failure: Failure): KeyCeremonyState<never> {
  // The session ended between the page and the click: log in again.
  if (failure.code === "NOT_FOUND") redirect("/login");
  // High Assurance ran out meanwhile: verify, then come back to this page.
  if (failure.code === "STEP_UP_REQUIRED") redirect(stepUpPath(ADD_KEY_PATH));
  return { error: errorMessage(failure.code) };
}

/** Step one: the name is checked before the key is asked for, then options for the prompt. */
export async function addKeyOptionsAction(name: unknown): Promise<KeyCeremonyState<PublicKeyCredentialCreationOptionsJSON>> {
  const current = await requireAssuranceToAddMethod(ADD_KEY_PATH);
  const parsed = keyNameSchema.safeParse(name);
  if (!parsed.success) return { nameError: parsed.error.issues[0]?.message };
  const result = await beginKeyRegistration(mine(current));
  return result.ok ? { options: result.options } : refused(result);
}

const registrationSchema = z.object({ name: keyNameSchema, response: registrationResponseSchema });

/** Step two: the new credential under the chosen name; then back to My security, which lists it. */
export async function addKeyAction(input: unknown): Promise<KeyCeremonyState> {
  const current = await requireAssuranceToAddMethod(ADD_KEY_PATH);
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) {
    const nameError = z.flattenError(parsed.error).fieldErrors.name?.[0];
    return nameError ? { nameError } : { error: errorMessage("INVALID_KEY_RESPONSE") };
  }
  const result = await confirmKeyRegistration({ ...mine(current), ...parsed.data, context: await getRequestContext() });
  if (!result.ok) return refused(result);
  revalidatePath(MY_SECURITY_PATH);
  redirect(noticePath("key-added"));
}
