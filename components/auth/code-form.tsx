"use client";
// A one-code challenge form (authenticator app at login or at enrollment): the error lands on the
// code field; success hands the ticket to next-auth.
import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { finishLogin } from "./finish-login";
import type { CodeFormState } from "./code-form-state";
import { attemptsLeftText, FailureDetail } from "./failure-detail";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

export function CodeForm({
  action,
  submitLabel,
  hint,
}: {
  action: (prev: CodeFormState, formData: FormData) => Promise<CodeFormState>;
  submitLabel: string;
  hint: string;
}) {
  const [state, formAction, pending] = useActionState<CodeFormState, FormData>(action, {});
  const [finishError, setFinishError] = useState<string>();

  useEffect(() => {
    if (!state.ticket) return;
    finishLogin(state.ticket).then((ok) => ok || setFinishError("We couldn't start your session. Please log in again."));
  }, [state.ticket]);

  if (state.expired || finishError) {
    return (
      <div className="space-y-4">
        <Alert>
          {state.error ?? finishError}
          <FailureDetail retryAt={state.retryAt} />
        </Alert>
        <Link href="/login" className="block text-center text-sm font-medium text-blue-700 underline">
          Back to log in
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        id="code"
        name="code"
        label="Verification code"
        hint={hint}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        error={state.error && [state.error, state.attemptsRemaining !== undefined && attemptsLeftText(state.attemptsRemaining)].filter(Boolean).join(" ")}
        required
        autoFocus
      />
      <Button type="submit" className="w-full" disabled={pending || Boolean(state.ticket)}>
        {pending || state.ticket ? "Verifying…" : submitLabel}
      </Button>
      <Link href="/login" className="block text-center text-sm text-slate-600 underline">
        Cancel and log in as someone else
      </Link>
    </form>
  );
}
