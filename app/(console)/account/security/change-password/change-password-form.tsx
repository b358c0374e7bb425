"use client";
import { useActionState, useState } from "react";
import Link from "next/link";
import { changePasswordAction, type ChangePasswordState } from "./actions";
import { PasswordStrength } from "@/components/auth/password-strength";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";

export function ChangePasswordForm({ username, orgName, minLength }: { username: string; orgName: string; minLength: number }) {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  const [password, setPassword] = useState("");
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="username" autoComplete="username" value={username} readOnly />
      {state.error && (
        <Alert>
          {state.error}
          {state.problems && (
            <ul className="mt-1 list-disc pl-5">
              {state.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <TextField id="currentPassword" name="currentPassword" label="Current password" type="password" autoComplete="current-password" maxLength={PASSWORD_MAX_LENGTH * 2} required autoFocus />
      <div className="space-y-1">
        <TextField
          id="newPassword"
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minLength} characters. Any characters, spaces too: a few unrelated words make a strong, memorable password.`}
          maxLength={PASSWORD_MAX_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="newPassword-hint password-strength"
          required
        />
        <PasswordStrength id="password-strength" password={password} username={username} orgName={orgName} minLength={minLength} />
      </div>
      <TextField id="confirm" name="confirm" label="Confirm new password" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} required />
      <div className="flex justify-end gap-2">
        <Link prefetch={false} href="/account/security" className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
