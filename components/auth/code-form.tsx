"use client";
// A one-code challenge form (authenticator app at login or at enrollment): the error lands on the
// code field; success hands the ticket to next-auth.
import Link from "next/link";
import { useActionState, useCallback, useEffect, useState } from "react";
import { finishLogin } from "./finish-login";
import type { CodeFormState } from "./code-form-state";
import { attemptsLeftText, FailureDetail } from "./failure-detail";
import { RecoveryCodesReveal } from "./recovery-codes-reveal";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { CircleCheck } from "lucide-react";

export interface CodeInputOptions {
  label: string;
  inputMode: "numeric" | "text";
  maxLength: number;
  autoComplete?: string;
}

const AUTHENTICATOR_CODE: CodeInputOptions = { label: "Verification code", inputMode: "numeric", maxLength: 7, autoComplete: "one-time-code" };

export function CodeForm({
  action,
  submitLabel,
  hint,
  input = AUTHENTICATOR_CODE,
  otherMethodsHref,
  instructions,
  registeredText,
}: {
  action: (prev: CodeFormState, formData: FormData) => Promise<CodeFormState>;
  submitLabel: string;
  hint: string;
  input?: CodeInputOptions;
  /** "Choose another method" — shown with the form only, never while recovery codes are on screen. */
  otherMethodsHref?: string;
  /** Shown above the form only: a registration's QR code and key go once the method is registered. */
  instructions?: React.ReactNode;
  /** After a registration: what was registered, said above the recovery codes that replace the form. */
  registeredText?: string;
}) {
  const [state, formAction, pending] = useActionState<CodeFormState, FormData>(action, {});
  const [finishError, setFinishError] = useState<string>();

  const finish = useCallback((ticket: string) => {
    finishLogin(ticket).then((ok) => ok || setFinishError("We couldn't start your session. Please log in again."));
  }, []);

  useEffect(() => {
    // New recovery codes wait for the person to save them; otherwise go straight on.
    if (state.ticket && !state.recoveryCodes) finish(state.ticket);
  }, [state.ticket, state.recoveryCodes, finish]);

  if (state.expired || finishError) {
    return (
      <div className="space-y-4">
        <Alert>
          {state.error ?? finishError}
          <FailureDetail retryAt={state.retryAt} />
        </Alert>
        <Link prefetch={false} href="/login" className="block text-center text-sm font-medium text-blue-700 underline">
          Log in again
        </Link>
      </div>
    );
  }
  if (state.ticket && state.recoveryCodes) {
    const ticket = state.ticket;
    return (
      <div className="space-y-5">
        {registeredText && (
          <p role="status" className="flex items-center gap-2 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm font-medium text-green-900">
            <CircleCheck aria-hidden className="h-5 w-5 text-green-700" />
            {registeredText}
          </p>
        )}
        <RecoveryCodesReveal codes={state.recoveryCodes} onContinue={() => finish(ticket)} />
      </div>
    );
  }
  return (
    <>
      {instructions}
      <form action={formAction} className="space-y-4" noValidate>
        <TextField
          id="code"
          name="code"
          label={input.label}
          hint={hint}
          inputMode={input.inputMode}
          autoComplete={input.autoComplete ?? "off"}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={input.maxLength}
          error={state.error && [state.error, state.attemptsRemaining !== undefined && attemptsLeftText(state.attemptsRemaining)].filter(Boolean).join(" ")}
          required
          autoFocus
        />
        <Button type="submit" className="w-full" disabled={pending || Boolean(state.ticket)}>
          {pending || state.ticket ? "Verifying…" : submitLabel}
        </Button>
        {otherMethodsHref && (
          <Link prefetch={false} href={otherMethodsHref} className="block text-center text-sm text-slate-600 underline">
            Choose another method
          </Link>
        )}
        <Link prefetch={false} href="/login" className="block text-center text-sm text-slate-600 underline">
          Cancel and log in as someone else
        </Link>
      </form>
    </>
  );
}
