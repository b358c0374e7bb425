"use client";
import { useActionState } from "react";
import Link from "next/link";
import { loginAction, type LoginState } from "./actions";
import { TextField } from "@/components/ui/text-field";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { FailureDetail } from "@/components/auth/failure-detail";

export function LoginForm() {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  const error = state.error;
  return (
    <form action={action} className="space-y-4" noValidate>
      {error && (
        <Alert>
          {error}
          <FailureDetail retryAt={state.retryAt} />
          {/* Said after every wrong password, so it reveals nothing about this account (L8). */}
          {state.invalidCredentials && (
            <span className="mt-1 block">After too many failed attempts an account is locked for a while: wait, or ask your administrator to unlock it.</span>
          )}
        </Alert>
      )}
      <TextField
        id="username"
        name="username"
        label="Username"
        type="email"
        autoComplete="username"
        defaultValue={state.username}
        error={state.fieldErrors?.username}
        required
        autoFocus
      />
      <TextField id="password" name="password" label="Password" type="password" autoComplete="current-password" error={state.fieldErrors?.password} required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Logging in…" : "Log In"}
      </Button>
      <p className="text-center text-sm">
        <Link prefetch={false} href="/login/forgot" className="font-medium text-blue-700 hover:underline">
          Forgot password?
        </Link>
      </p>
    </form>
  );
}
