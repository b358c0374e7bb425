"use client";
// One verification method on My security: type, name (renamed inline), registered, last used,
// and Remove behind a confirmation (and a step-up when the session is Standard).
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { KeyRound, Smartphone } from "lucide-react";
import { LocalTime } from "@/components/console/local-time";
import { Button } from "@/components/ui/button";
import { METHOD_NAME_MAX_LENGTH } from "@/lib/account/schemas";
import { ConfirmAction } from "@/components/console/confirm-action";
import { removeMethodAction, renameMethodAction } from "./actions";
import type { AccountActionState } from "./state";

export interface MethodRowData {
  id: string;
  kind: "TOTP" | "WEBAUTHN";
  typeLabel: string;
  name: string;
  description: string | null;
  registeredAt: string;
  lastUsedAt: string | null;
}

export function MethodRow({
  method,
  removal,
}: {
  method: MethodRowData;
  removal: { stepUpHref?: string; openOnLoad: boolean; isLast: boolean; mfaRequired: boolean };
}) {
  const [editing, setEditing] = useState(false);
  const Icon = method.kind === "TOTP" ? Smartphone : KeyRound;
  return (
    <tr>
      <td className="px-4 py-3 align-top text-slate-700">
        <span className="flex items-center gap-2">
          <Icon aria-hidden className="h-4 w-4 text-slate-500" />
          {method.typeLabel}
        </span>
        {method.description && <span className="mt-0.5 block pl-6 text-xs text-slate-500">{method.description}</span>}
      </td>
      <td className="px-4 py-3 align-top font-medium text-slate-900">
        {editing ? <RenameForm method={method} onDone={() => setEditing(false)} /> : method.name}
      </td>
      <td className="px-4 py-3 align-top text-slate-700">
        <LocalTime iso={method.registeredAt} />
      </td>
      <td className="px-4 py-3 align-top text-slate-700">
        {method.lastUsedAt ? <LocalTime iso={method.lastUsedAt} /> : <span className="text-slate-500">Never</span>}
      </td>
      <td className="px-4 py-3 align-top">
        <div className="flex justify-end gap-2">
          {!editing && (
            <Button type="button" variant="secondary" className="px-3 py-1.5" aria-label={`Rename ${method.name}`} onClick={() => setEditing(true)}>
              Rename
            </Button>
          )}
          <ConfirmAction
            variant="danger"
            compact
            label="Remove"
            accessibleLabel={`Remove ${method.name}`}
            title={`Remove ${method.name}?`}
            description={<RemoveWarning method={method} isLast={removal.isLast} mfaRequired={removal.mfaRequired} />}
            confirmLabel="Remove"
            action={removeMethodAction}
            hidden={{ kind: method.kind, methodId: method.id }}
            stepUpHref={removal.stepUpHref}
            openOnLoad={removal.openOnLoad}
          />
        </div>
      </td>
    </tr>
  );
}

function RemoveWarning({ method, isLast, mfaRequired }: { method: MethodRowData; isLast: boolean; mfaRequired: boolean }) {
  return (
    <div className="space-y-2">
      <p>
        {method.typeLabel} &ldquo;{method.name}&rdquo; will no longer be able to verify your identity.
      </p>
      {isLast && (
        <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          This is your last verification method.{" "}
          {mfaRequired
            ? "Your organization requires multi-factor authentication, so you will have to register a new method at your next login."
            : "Your account will be protected by your password alone."}
        </p>
      )}
    </div>
  );
}

function RenameForm({ method, onDone }: { method: MethodRowData; onDone: () => void }) {
  const [state, formAction, pending] = useActionState<AccountActionState, FormData>(renameMethodAction, {});
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  return (
    <form action={formAction} className="space-y-1" onKeyDown={(e) => e.key === "Escape" && onDone()}>
      <input type="hidden" name="kind" value={method.kind} />
      <input type="hidden" name="methodId" value={method.id} />
      <label htmlFor={inputId} className="sr-only">
        New name for {method.name}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={inputId}
          name="name"
          defaultValue={state.name ?? method.name}
          maxLength={METHOD_NAME_MAX_LENGTH}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? `${inputId}-error` : undefined}
          className={`block w-full min-w-40 rounded-md border px-2 py-1 text-sm font-normal shadow-sm ${state.error ? "border-red-500" : "border-slate-300"}`}
        />
        <Button type="submit" className="px-3 py-1" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="ghost" className="px-3 py-1" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {state.error && (
        <p id={`${inputId}-error`} className="text-sm font-normal text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
