"use client";
import Link from "next/link";
import { useActionState } from "react";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { METHOD_NAME_MAX_LENGTH } from "@/lib/account/schemas";
import { confirmAuthenticatorAction, type AddAuthenticatorState } from "./actions";

export function AddAuthenticatorForm({ defaultName }: { defaultName: string }) {
  const [state, formAction, pending] = useActionState<AddAuthenticatorState, FormData>(confirmAuthenticatorAction, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error && <Alert>{state.error}</Alert>}
      <TextField
        id="name"
        name="name"
        label="Name"
        hint="So you can tell your apps apart, e.g. “Work phone”."
        defaultValue={state.name ?? defaultName}
        maxLength={METHOD_NAME_MAX_LENGTH}
        error={state.fieldErrors?.name}
        required
      />
      <TextField
        id="code"
        name="code"
        label="Verification code"
        hint="The 6-digit code the app shows now. It changes every 30 seconds."
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        error={state.fieldErrors?.code}
        required
        autoFocus
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Verifying…" : "Verify and add"}
        </Button>
        <Link prefetch={false} href="/account/security" className="text-sm text-slate-600 underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
