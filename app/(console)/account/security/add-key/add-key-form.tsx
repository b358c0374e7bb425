"use client";
// Name the key, then let the browser create the credential between two server actions (options,
// then the new credential); success is the server's redirect back to My security.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { KeyPrompt } from "@/components/auth/key-prompt";
import { runRegistration, useWebAuthnSupport, type KeyCeremonyState } from "@/components/auth/key-ceremony";
import { addKeyAction, addKeyOptionsAction } from "./actions";
import { MY_SECURITY_PATH } from "../state";

export function AddKeyForm({ defaultName, maxNameLength }: { defaultName: string; maxNameLength: number }) {
  const supported = useWebAuthnSupport();
  const [name, setName] = useState(defaultName);
  const [state, setState] = useState<KeyCeremonyState>({});
  const [busy, setBusy] = useState(false);

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setState({});
    try {
      setState(
        await runRegistration(
          () => addKeyOptionsAction(name),
          (response) => addKeyAction({ name, response }),
        ),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={register} className="space-y-4" noValidate>
      <KeyPrompt registering />
      {!supported && <Alert>This browser can&apos;t use security keys or passkeys. Add an authenticator app instead.</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
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
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!supported || busy}>
          {busy ? "Waiting for your security key…" : "Register security key"}
        </Button>
        <Link prefetch={false} href={MY_SECURITY_PATH} className="text-sm text-slate-600 underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
