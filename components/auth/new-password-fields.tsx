"use client";
// A new password twice, with the strength meter and the W4 rules as the person types, and the
// server's refusal with each rule it broke — the same at activation and at Change password.
import { useState } from "react";
import { PasswordStrength } from "./password-strength";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/alert";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";

/** The account the password is for, for password managers, and the two fields. */
export function NewPasswordFields({
  name,
  username,
  orgName,
  minLength,
  autoFocus = false,
}: {
  /** The new password's field name (and id); the confirmation is always "confirm". */
  name: string;
  username: string;
  orgName: string;
  minLength: number;
  autoFocus?: boolean;
}) {
  const [password, setPassword] = useState("");
  return (
    <>
      <input type="hidden" name="username" autoComplete="username" value={username} readOnly />
      <div className="space-y-1">
        <TextField
          id={name}
          name={name}
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minLength} characters. Any characters, spaces too: a few unrelated words make a strong, memorable password.`}
          maxLength={PASSWORD_MAX_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={`${name}-hint password-strength`}
          required
          autoFocus={autoFocus}
        />
        <PasswordStrength id="password-strength" password={password} username={username} orgName={orgName} minLength={minLength} />
      </div>
      <TextField
        id="confirm"
        name="confirm"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        maxLength={PASSWORD_MAX_LENGTH}
        required
      />
    </>
  );
}

/** The server's refusal, and each rule the password broke. */
export function PasswordRefusal({ error, problems }: { error?: string; problems?: string[] }) {
  if (!error) return null;
  return (
    <Alert>
      {error}
      {problems && (
        <ul className="mt-1 list-disc pl-5">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
