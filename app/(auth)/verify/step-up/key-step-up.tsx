"use client";
// "Verify your identity" with a security key or passkey: one button runs the browser's prompt
// between two server actions; success is the server's redirect to where the person was going. A
// cancelled prompt or a refused answer keeps the button usable; a lockout replaces it.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { FailureDetail } from "@/components/auth/failure-detail";
import { KeyPrompt } from "@/components/auth/key-prompt";
import { runAuthentication, useWebAuthnSupport, type KeyCeremonyState } from "@/components/auth/key-ceremony";
import { stepUpKeyAction, stepUpKeyOptionsAction } from "./actions";

export function KeyStepUp({ next }: { next: string }) {
  const supported = useWebAuthnSupport();
  const [state, setState] = useState<KeyCeremonyState>({});
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setState({});
    try {
      setState(await runAuthentication(stepUpKeyOptionsAction, (response) => stepUpKeyAction(response, next)));
    } finally {
      setBusy(false);
    }
  }

  if (state.retryAt) {
    return (
      <Alert>
        {state.error}
        <FailureDetail retryAt={state.retryAt} />
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      <KeyPrompt />
      {!supported && <Alert>This browser can&apos;t use security keys or passkeys. Use another method below.</Alert>}
      {state.error && (
        <Alert>
          {state.error}
          <FailureDetail attemptsRemaining={state.attemptsRemaining} />
        </Alert>
      )}
      <Button type="button" className="w-full" onClick={verify} disabled={!supported || busy}>
        {busy ? "Waiting for your security key…" : "Use security key or passkey"}
      </Button>
    </div>
  );
}
