"use client";
// P1: a new API token — name, the user it acts as, scopes (only those the creator holds), expiry —
// then the token, shown once with Copy. What was typed stays when the server refuses it.
import { useActionState, useState } from "react";
import Link from "next/link";
import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";

export interface ApiTokenFormState {
  error?: string;
  fieldErrors?: Record<string, string | undefined>;
  values?: { name: string; actingUserId: string; scopes: string[]; expiresInDays: string };
  /** Shown once, then never again (only its SHA-256 is stored). */
  token?: string;
  name?: string;
}

const EXPIRY = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "365 days" },
  { value: "never", label: "Never" },
];

export function ApiTokenForm({
  action,
  actingUsers,
  scopes,
}: {
  action: (prev: ApiTokenFormState, formData: FormData) => Promise<ApiTokenFormState>;
  actingUsers: { id: string; label: string }[];
  /** The scopes the creator holds, with their labels. */
  scopes: { value: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState<ApiTokenFormState, FormData>(action, {});
  const [copied, setCopied] = useState(false);

  if (state.token) {
    return (
      <div className="space-y-4">
        <Alert tone="info">Token “{state.name}” created. Copy it now: it is shown only once, and only its hash is kept.</Alert>
        <p aria-label="API token" className="break-all rounded-md bg-slate-100 px-3 py-3 text-center font-mono text-sm text-slate-900">
          {state.token}
        </p>
        <div className="flex flex-wrap justify-between gap-2">
          <Button type="button" variant="secondary" onClick={() => navigator.clipboard.writeText(state.token!).then(() => setCopied(true))}>
            <Copy aria-hidden className="h-4 w-4" />
            {copied ? "Copied" : "Copy"}
          </Button>
          <div className="flex gap-2">
            <Link
              prefetch={false}
              href="/docs/api"
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              API Docs
            </Link>
            <Link prefetch={false} href="/setup/api-tokens" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              Done
            </Link>
          </div>
        </div>
      </div>
    );
  }
  const v = state.values;
  const fe = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error && <Alert>{state.error}</Alert>}
      <TextField
        id="name"
        name="name"
        label="Name"
        hint="After the system that uses it, e.g. “HR sync”."
        defaultValue={v?.name}
        error={fe.name}
        required
        maxLength={80}
      />
      {actingUsers.length === 0 ? (
        <Alert tone="info">
          There is no active Api Only user to act as. Create one in{" "}
          <Link prefetch={false} href="/setup/users/new" className="underline">
            Setup &gt; Users
          </Link>{" "}
          with the Integration User profile.
        </Alert>
      ) : (
        <div>
          <SelectField
            id="actingUserId"
            name="actingUserId"
            label="Acts as"
            defaultValue={v?.actingUserId}
            options={actingUsers.map((u) => ({ value: u.id, label: u.label }))}
          />
          {fe.actingUserId && <p className="mt-1 text-sm text-red-700">{fe.actingUserId}</p>}
        </div>
      )}
      <fieldset className="space-y-2" aria-describedby="scopes-hint">
        <legend className="text-sm font-medium text-slate-800">Scopes</legend>
        <p id="scopes-hint" className="text-xs text-slate-500">
          At each call the token may do what these scopes and the acting user&apos;s current permissions both allow.
        </p>
        {scopes.map((s) => (
          <label key={s.value} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="scopes" value={s.value} defaultChecked={v ? v.scopes.includes(s.value) : true} className="h-4 w-4" />
            {s.label}
          </label>
        ))}
        {fe.scopes && <p className="text-sm text-red-700">{fe.scopes}</p>}
      </fieldset>
      <SelectField id="expiresInDays" name="expiresInDays" label="Expires after" defaultValue={v?.expiresInDays ?? "90"} options={EXPIRY} />
      <div className="flex justify-end gap-2">
        <Link prefetch={false} href="/setup/api-tokens" className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Cancel
        </Link>
        <Button type="submit" disabled={pending || actingUsers.length === 0}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </div>
    </form>
  );
}
