"use client";
// The security key challenge: one button runs the browser's prompt between two server actions
// (options, then the signed answer). A cancelled or timed-out prompt keeps the button usable.
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { FailureDetail } from "@/components/auth/failure-detail";
import { finishLogin } from "@/components/auth/finish-login";
import { KeyPrompt } from "@/components/auth/key-prompt";
import { runAuthentication, useWebAuthnSupport, type KeyCeremonyState } from "@/components/auth/key-ceremony";
import { securityKeyOptionsAction, verifySecurityKeyAction } from "./actions";

export function SecurityKeyForm() {
  const supported = useWebAuthnSupport();
  const [state, setState] = useState<KeyCeremonyState>({});
  const [busy, setBusy] = useState(false);
  const [finishError, setFinishError] = useState<string>();

  async function verify() {
    setBusy(true);
    setState({});
    try {
      const verified = await runAuthentication(securityKeyOptionsAction, verifySecurityKeyAction);
      setState(verified);
      if (verified.ticket && !(await finishLogin(verified.ticket))) setFinishError("We couldn't start your session. Please log in again.");
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
      <Button type="button" className="w-full" onClick={verify} disabled={!supported || busy || Boolean(state.ticket)}>
        {state.ticket ? "Signing in…" : busy ? "Waiting for your security key…" : "Use security key or passkey"}
      </Button>
      <Link prefetch={false} href="/login" className="block text-center text-sm text-slate-600 underline">
        Cancel and log in as someone else
      </Link>
    </div>
  );
}
