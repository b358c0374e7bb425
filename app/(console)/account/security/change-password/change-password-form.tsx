"use client";
import { useActionState } from "react";
import Link from "next/link";
import { changePasswordAction, type ChangePasswordState } from "./actions";
import { NewPasswordFields, PasswordRefusal } from "@/components/auth/new-password-fields";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";

export function ChangePasswordForm({ username, orgName, minLength }: { username: string; orgName: string; minLength: number }) {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <PasswordRefusal error={state.error} problems={state.problems} />
      <TextField
        id="currentPassword"
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        maxLength={PASSWORD_MAX_LENGTH * 2}
        required
        autoFocus
      />
      <NewPasswordFields name="newPassword" username={username} orgName={orgName} minLength={minLength} />
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
