"use client";
import { useActionState, useState } from "react";
import Link from "next/link";
import { activateAction, type ActivationState } from "./actions";
import { PasswordStrength } from "@/components/auth/password-strength";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";

export function ActivationForm({ token, username, orgName, minLength }: { token: string; username: string; orgName: string; minLength: number }) {
  const [state, action, pending] = useActionState<ActivationState, FormData>(activateAction, {});
  const [password, setPassword] = useState("");
  if (state.linkDead) {
    return (
      <div className="space-y-4">
        <Alert>{state.error}</Alert>
        <Link prefetch={false} href="/login" className="inline-block text-sm font-medium text-blue-700 hover:underline">
          Go to the login page
        </Link>
      </div>
    );
  }
  const error = state.error;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account this password belongs to. */}
      <input type="hidden" name="username" autoComplete="username" value={username} readOnly />
      {error && (
        <Alert>
          {error}
          {state.problems && (
            <ul className="mt-1 list-disc pl-5">
              {state.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <div className="space-y-1">
        <TextField
          id="password"
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minLength} characters. Any characters, spaces too: a few unrelated words make a strong, memorable password.`}
          maxLength={PASSWORD_MAX_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="password-hint password-strength"
          required
          autoFocus
        />
        <PasswordStrength id="password-strength" password={password} username={username} orgName={orgName} minLength={minLength} />
      </div>
      <TextField id="confirm" name="confirm" label="Confirm new password" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Setting password…" : "Set password"}
      </Button>
    </form>
  );
}
