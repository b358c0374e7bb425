"use client";
// B8: add or edit a webhook endpoint — address, description, which activities, active or paused —
// then, for a new one, its signing secret shown once. What was typed stays when refused.
import { useActionState, useState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { WebhookSecretReveal } from "./webhook-secret-reveal";

export interface WebhookFormState {
  error?: string;
  fieldErrors?: Record<string, string | undefined>;
  values?: { url: string; description: string; scope: string; activities: string[]; active: string };
  /** A new endpoint's secret, shown once. */
  secret?: string;
  endpointId?: string;
  saved?: boolean;
}

export function WebhookEndpointForm({
  action,
  activityChoices,
  initial,
  endpointId,
}: {
  action: (prev: WebhookFormState, formData: FormData) => Promise<WebhookFormState>;
  activityChoices: { value: string; label: string }[];
  /** Editing: the endpoint as it is. */
  initial?: { url: string; description: string; activities: string[] };
  endpointId?: string;
}) {
  const [state, formAction, pending] = useActionState<WebhookFormState, FormData>(action, {});
  const v = state.values;
  const [scope, setScope] = useState(v?.scope ?? (initial && initial.activities.length > 0 ? "chosen" : "all"));

  if (state.secret) {
    return (
      <div className="space-y-4">
        <Alert tone="info">Endpoint added. Copy its signing secret now: it is shown only once.</Alert>
        <WebhookSecretReveal secret={state.secret}>
          <Link
            prefetch={false}
            href={`/setup/webhooks/${state.endpointId}`}
            className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
            Done
          </Link>
        </WebhookSecretReveal>
      </div>
    );
  }
  if (state.saved) {
    return (
      <div className="space-y-4">
        <Alert tone="info">Changes saved.</Alert>
        <Link
          prefetch={false}
          href={`/setup/webhooks/${state.endpointId}`}
          className="inline-block rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
        >
          Back to the endpoint
        </Link>
      </div>
    );
  }
  const fe = state.fieldErrors ?? {};
  const chosen = new Set(v?.activities ?? initial?.activities ?? []);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {endpointId && <input type="hidden" name="endpointId" value={endpointId} />}
      {state.error && <Alert>{state.error}</Alert>}
      <TextField
        id="url"
        name="url"
        type="url"
        label="Endpoint URL"
        hint="The receiver's HTTPS address, e.g. your SIEM's HTTP event collector."
        defaultValue={v?.url ?? initial?.url}
        error={fe.url}
        required
        maxLength={2048}
        placeholder="https://siem.example.com/hooks/mfa"
      />
      <TextField
        id="description"
        name="description"
        label="Description"
        hint="Optional: what receives the events."
        defaultValue={v?.description ?? initial?.description}
        error={fe.description}
        maxLength={200}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Activities to send</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} className="h-4 w-4" />
          All activities, including ones added later
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="chosen" checked={scope === "chosen"} onChange={() => setScope("chosen")} className="h-4 w-4" />
          Only the activities I choose
        </label>
        {scope === "chosen" && (
          <div className="grid grid-cols-1 gap-1 rounded-md border border-slate-200 p-3 sm:grid-cols-2" role="group" aria-label="Activities">
            {activityChoices.map((a) => (
              <label key={a.value} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="activities" value={a.value} defaultChecked={chosen.has(a.value)} className="h-4 w-4" />
                {a.label}
              </label>
            ))}
          </div>
        )}
        {fe.activities && <p className="text-sm text-red-700">{fe.activities}</p>}
      </fieldset>
      {!endpointId && (
        <SelectField
          id="active"
          name="active"
          label="Status"
          defaultValue={v?.active ?? "true"}
          options={[
            { value: "true", label: "Active: send events as they happen" },
            { value: "false", label: "Paused: send nothing yet" },
          ]}
        />
      )}
      <div className="flex justify-end gap-2">
        <Link
          prefetch={false}
          href={endpointId ? `/setup/webhooks/${endpointId}` : "/setup/webhooks"}
          className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : endpointId ? "Save changes" : "Add endpoint"}
        </Button>
      </div>
    </form>
  );
}
