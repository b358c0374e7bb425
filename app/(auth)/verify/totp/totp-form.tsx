"use client";
import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { verifyTotpAction, type TotpState } from "./actions";
import { finishLogin } from "@/components/auth/finish-login";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

export function TotpForm() {
  const [state, action, pending] = useActionState<TotpState, FormData>(verifyTotpAction, {});
  const [finishError, setFinishError] = useState<string>();

  useEffect(() => {
    if (!state.ticket) return;
    finishLogin(state.ticket).then((ok) => ok || setFinishError("We couldn't start your session. Please log in again."));
  }, [state.ticket]);

  if (state.expired || finishError) {
    return (
      <div className="space-y-4">
        <Alert>{state.error ?? finishError}</Alert>
        <Link href="/login" className="block text-center text-sm font-medium text-blue-700 underline">
          Back to log in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <TextField
        id="code"
        name="code"
        label="Verification code"
        hint="Open your authenticator app and enter the 6-digit code it shows for MFA Console."
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        error={state.error}
        required
        autoFocus
      />
      <Button type="submit" className="w-full" disabled={pending || Boolean(state.ticket)}>
        {pending || state.ticket ? "Verifying…" : "Verify"}
      </Button>
      <Link href="/login" className="block text-center text-sm text-slate-600 underline">
        Cancel and log in as someone else
      </Link>
    </form>
  );
}
