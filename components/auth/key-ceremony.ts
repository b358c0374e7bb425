"use client";
// What the security key pages share (login, registration, step-up, My security): the state their
// server actions return, the browser's prompt run between two of them, whether this browser can
// do WebAuthn at all, and a person-readable reading of what the browser threw.
import { useSyncExternalStore } from "react";
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import type { CodeFormState } from "./code-form-state";

export interface KeyCeremonyState<Options = unknown> extends CodeFormState {
  /** Options for the browser's ceremony; their challenge is kept on the server. */
  options?: Options;
  /** Registration: what is wrong with the key's name. */
  nameError?: string;
}

/**
 * One ceremony: options from the server, the browser's prompt, the key's answer back to the
 * server. A prompt that fails never reaches the server; its reason is the state's error.
 */
async function runCeremony<Options>(
  begin: () => Promise<KeyCeremonyState<Options>>,
  prompt: (options: Options) => Promise<unknown>,
  finish: (response: unknown) => Promise<KeyCeremonyState>,
): Promise<KeyCeremonyState> {
  const begun = await begin();
  if (!begun.options) return begun;
  let response: unknown;
  try {
    response = await prompt(begun.options);
  } catch (error) {
    return { error: ceremonyErrorMessage(error) };
  }
  // A server action that redirects (step-up) resolves to nothing: the navigation is the answer.
  return (await finish(response)) ?? {};
}

/** Proving a key: login, step-up. */
export function runAuthentication(
  begin: () => Promise<KeyCeremonyState<PublicKeyCredentialRequestOptionsJSON>>,
  finish: (response: unknown) => Promise<KeyCeremonyState>,
): Promise<KeyCeremonyState> {
  return runCeremony(begin, (optionsJSON) => startAuthentication({ optionsJSON }), finish);
}

/** Creating a key: registration at login, "Add security key or passkey". */
export function runRegistration(
  begin: () => Promise<KeyCeremonyState<PublicKeyCredentialCreationOptionsJSON>>,
  finish: (response: unknown) => Promise<KeyCeremonyState>,
): Promise<KeyCeremonyState> {
  return runCeremony(begin, (optionsJSON) => startRegistration({ optionsJSON }), finish);
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
