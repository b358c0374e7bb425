"use client";
// What the security key pages share: the state their server actions return, whether this browser
// can do WebAuthn at all, and a person-readable reading of what the browser threw.
import { useSyncExternalStore } from "react";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import type { CodeFormState } from "./code-form-state";

export interface KeyCeremonyState<Options = unknown> extends CodeFormState {
  /** Options for the browser's ceremony; their challenge is kept on the server. */
  options?: Options;
  /** Registration: what is wrong with the key's name. */
  nameError?: string;
}

export const KEY_DID_NOT_RESPOND = "The security key didn't respond. Try again.";

/** Whether navigator.credentials can do WebAuthn here; assumed yes while rendering on the server. */
export function useWebAuthnSupport(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => browserSupportsWebAuthn(),
    () => true,
  );
}

/**
 * The browser reports a cancelled prompt, a timeout and "no key answered" all as NotAllowedError
 * (on purpose, so sites cannot probe which keys exist): one message covers them.
 */
export function ceremonyErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  const code = (error as { code?: string } | null)?.code ?? "";
  if (name === "NotAllowedError" || name === "AbortError" || code === "ERROR_CEREMONY_ABORTED") return KEY_DID_NOT_RESPOND;
  if (name === "InvalidStateError" || code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") {
    return "This security key is already registered to your account. Use another key.";
  }
  if (name === "SecurityError" || code === "ERROR_INVALID_RP_ID" || code === "ERROR_INVALID_DOMAIN") {
    return "Security keys can't be used at this address. Contact your administrator.";
  }
  if (code === "ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG" || name === "NotSupportedError") {
    return "This security key isn't supported. Try another key or method.";
  }
  return "Something went wrong with your security key. Try again.";
}
