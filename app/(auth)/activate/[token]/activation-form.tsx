"use client";
import { useActionState } from "react";
import Link from "next/link";
import { activateAction, type ActivationState } from "./actions";
import { NewPasswordFields, PasswordRefusal } from "@/components/auth/new-password-fields";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

export function ActivationForm({ token, username, orgName, minLength }: { token: string; username: string; orgName: string; minLength: number }) {
  const [state, action, pending] = useActionState<ActivationState, FormData>(activateAction, {});
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
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <PasswordRefusal error={state.error} problems={state.problems} />
      <NewPasswordFields name="password" username={username} orgName={orgName} minLength={minLength} autoFocus />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Setting password…" : "Set password"}
      </Button>
    </form>
  );
}
