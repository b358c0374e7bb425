"use client";
// Registration at login: name the key, let the browser create the credential between two server
// actions (options, then the new credential), save the first recovery codes, then sign in.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { FailureDetail } from "@/components/auth/failure-detail";
import { finishLogin } from "@/components/auth/finish-login";
import { RecoveryCodesReveal } from "@/components/auth/recovery-codes-reveal";
import { KeyPrompt } from "@/components/auth/key-prompt";
import { runRegistration, useWebAuthnSupport, type KeyCeremonyState } from "@/components/auth/key-ceremony";
import { registerSecurityKeyAction, registrationOptionsAction } from "./actions";

export function RegisterKeyForm({ defaultName, maxNameLength }: { defaultName: string; maxNameLength: number }) {
  const supported = useWebAuthnSupport();
  const [name, setName] = useState(defaultName);
  const [state, setState] = useState<KeyCeremonyState>({});
  const [busy, setBusy] = useState(false);
  const [finishError, setFinishError] = useState<string>();

  const finish = async (ticket: string) => {
    if (!(await finishLogin(ticket))) setFinishError("We couldn't start your session. Please log in again.");
  };

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setState({});
    try {
      const registered = await runRegistration(
        () => registrationOptionsAction(name),
        (response) => registerSecurityKeyAction({ name, response }),
      );
      setState(registered);
      // New recovery codes wait for the person to save them; otherwise go straight on.
      if (registered.ticket && !registered.recoveryCodes) await finish(registered.ticket);
    } finally {
      setBusy(false);
    }
  }

  if (state.expired || finishError) {
    return (
      <div className="space-y-4">
        <Alert>
          {state.error ?? finishError}
          <FailureDetail retryAt={state.retryAt} />
        </Alert>
        <Link prefetch={false} href="/login" className="block text-center text-sm font-medium text-blue-700 underline">
          Back to log in
        </Link>
      </div>
    );
  }
  if (state.ticket && state.recoveryCodes) {
    const ticket = state.ticket;
    return <RecoveryCodesReveal codes={state.recoveryCodes} onContinue={() => void finish(ticket)} />;
  }
  return (
    <form onSubmit={register} className="space-y-4" noValidate>
      <KeyPrompt registering />
      {!supported && <Alert>This browser can&apos;t use security keys or passkeys. Choose another method below.</Alert>}
      {state.error && (
        <Alert>
          {state.error}
          <FailureDetail attemptsRemaining={state.attemptsRemaining} />
        </Alert>
      )}
      <TextField
        id="key-name"
        name="name"
        label="Name this key"
        hint="So you can tell your keys apart later, e.g. “YubiKey on my keyring” or “Work laptop”."
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={maxNameLength}
        autoComplete="off"
        error={state.nameError}
        required
      />
      <Button type="submit" className="w-full" disabled={!supported || busy || Boolean(state.ticket)}>
        {state.ticket ? "Signing in…" : busy ? "Waiting for your security key…" : "Register security key"}
      </Button>
      {/* Not while recovery codes are shown: by then the key is registered and the login complete. */}
      <Link prefetch={false} href="/verify/enroll" className="block text-center text-sm text-slate-600 underline">
        Choose another method
      </Link>
    </form>
  );
}
