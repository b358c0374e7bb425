"use client";
// The security key challenge: one button runs the browser's prompt between two server actions
// (options, then the signed answer). A cancelled or timed-out prompt keeps the button usable.
import Link from "next/link";
import { useState } from "react";
import { Fingerprint, KeyRound } from "lucide-react";
import { startAuthentication } from "@simplewebauthn/browser";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { FailureDetail } from "@/components/auth/failure-detail";
import { finishLogin } from "@/components/auth/finish-login";
import { ceremonyErrorMessage, useWebAuthnSupport, type KeyCeremonyState } from "@/components/auth/key-ceremony";
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
      const begun = await securityKeyOptionsAction();
      if (!begun.options) return setState(begun);
      let response: unknown;
      try {
        response = await startAuthentication({ optionsJSON: begun.options });
      } catch (error) {
        return setState({ error: ceremonyErrorMessage(error) });
      }
      const verified = await verifySecurityKeyAction(response);
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
        <Link href="/login" className="block text-center text-sm font-medium text-blue-700 underline">
          Back to log in
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex items-start gap-3 rounded-md bg-slate-50 p-3 text-sm text-slate-700">
        <span aria-hidden className="flex shrink-0 gap-1 text-blue-700">
          <KeyRound className="h-5 w-5" />
          <Fingerprint className="h-5 w-5" />
        </span>
        <p>Insert your security key and touch it, or confirm with this device&apos;s fingerprint, face or PIN.</p>
      </div>
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
      <Link href="/login" className="block text-center text-sm text-slate-600 underline">
        Cancel and log in as someone else
      </Link>
    </div>
  );
}
