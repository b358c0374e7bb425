"use server";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { getDb } from "@/lib/db/client";
import { beginWebAuthnLogin } from "@/lib/mfa/webauthn/begin-webauthn-login";
import { verifyWebAuthnAtLogin } from "@/lib/mfa/webauthn/verify-webauthn-login";
import { authenticationResponseSchema } from "@/lib/mfa/webauthn/schemas";
import { errorMessage } from "@/lib/errors";
import { failureState } from "@/lib/next/failure-state";
import { getRequestContext } from "@/lib/next/request-context";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import type { KeyCeremonyState } from "@/components/auth/key-ceremony";

/** Step one: options for the browser's prompt; the challenge stays on the server. */
export async function securityKeyOptionsAction(): Promise<KeyCeremonyState<PublicKeyCredentialRequestOptionsJSON>> {
  const result = await beginWebAuthnLogin(await getDb(), { pendingToken: await readPendingCookie() });
  return result.ok ? { options: result.options } : failureState(result);
}

/** Step two: the key's signed answer. */
export async function verifySecurityKeyAction(response: unknown): Promise<KeyCeremonyState> {
  const parsed = authenticationResponseSchema.safeParse(response);
  if (!parsed.success) return { error: errorMessage("INVALID_KEY_RESPONSE") };
  const result = await verifyWebAuthnAtLogin(await getDb(), {
    pendingToken: await readPendingCookie(),
    response: parsed.data,
    context: await getRequestContext(),
  });
  return result.ok ? { ticket: result.ticket } : failureState(result);
}
