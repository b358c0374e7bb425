"use client";
// One code field for "Verify your identity": the error lands on the field; success is a redirect
// by the server action to where the person was going.
import { useActionState } from "react";
import type { FailureState } from "@/lib/next/failure-state";
import { attemptsLeftText, FailureDetail } from "@/components/auth/failure-detail";
import type { CodeInputOptions } from "@/components/auth/code-form";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

export function StepUpForm({
  action,
  next,
  hint,
  input,
}: {
  action: (prev: FailureState, formData: FormData) => Promise<FailureState>;
  next: string;
  hint: string;
  input: CodeInputOptions;
}) {
  const [state, formAction, pending] = useActionState<FailureState, FormData>(action, { error: "" });
  if (state.retryAt) {
    return (
      <Alert>
        {state.error}
        <FailureDetail retryAt={state.retryAt} />
      </Alert>
    );
  }
  const error = state.error
    ? [state.error, state.attemptsRemaining !== undefined && attemptsLeftText(state.attemptsRemaining)].filter(Boolean).join(" ")
    : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
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
        error={error}
        required
        autoFocus
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Verifying…" : "Verify"}
      </Button>
    </form>
  );
}
