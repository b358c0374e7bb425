"use client";
// B4: act on the users ticked in the table (their checkboxes belong to this form by id), confirm,
// and read the result per user. The buttons wait for a selection and say how many are selected;
// the confirmation names who is affected, says what will happen, and flags one's own account.
import { useActionState, useState, useSyncExternalStore } from "react";
import { bulkAction, type BulkState } from "./bulk-actions";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

import { BULK_FORM_ID, BULK_SELECTION_EVENT } from "@/components/console/bulk-selection";

const LABELS = {
  "reset-mfa": "Reset MFA",
  "reset-password": "Reset password",
  "expire-temp-codes": "Expire temporary codes",
  "revoke-sessions": "Revoke sessions",
} as const;
const ASKS_REASON: readonly Action[] = ["reset-mfa", "reset-password"];
type Action = keyof typeof LABELS;

// What happens, worded as the single-user dialogs word it.
const EFFECTS: Record<Action, string> = {
  "reset-mfa":
    "This removes all their verification methods and recovery codes, expires any temporary code and ends all their sessions. They register a method again at their next login.",
  "reset-password":
    "Their passwords stop working now and their sessions end. You get a one-time activation link for each user; their verification methods stay.",
  "expire-temp-codes":
    "Their active temporary verification codes stop working; their usual verification method applies again. Users without an active code are left as they are.",
  "revoke-sessions": "They are logged out everywhere on their next click. Users without a session are left as they are.",
};
const NAMES_SHOWN = 5;

interface Selected {
  id: string;
  name: string;
}

const boxes = () => document.querySelectorAll<HTMLInputElement>(`input[name="userIds"][form="${BULK_FORM_ID}"]:checked`);

// The selection lives in the table's checkboxes; this reads it as one string so React can compare.
function subscribe(onChange: () => void) {
  document.addEventListener("change", onChange);
  document.addEventListener(BULK_SELECTION_EVENT, onChange);
  return () => {
    document.removeEventListener("change", onChange);
    document.removeEventListener(BULK_SELECTION_EVENT, onChange);
  };
}
const snapshot = () => JSON.stringify([...boxes()].map((b) => ({ id: b.value, name: b.dataset.name ?? b.value })));

function useSelection(): Selected[] {
  const text = useSyncExternalStore(subscribe, snapshot, () => "[]");
  return JSON.parse(text) as Selected[];
}

function affected(selected: Selected[]): string {
  const names = selected.slice(0, NAMES_SHOWN).map((s) => s.name);
  const more = selected.length - names.length;
  return more > 0 ? `${names.join(", ")} and ${more} more` : names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

export function BulkActionsBar({ stepUpHref, selfId }: { stepUpHref?: string; selfId: string }) {
  const [state, formAction, pending] = useActionState<BulkState, FormData>(bulkAction, {});
  const [chosen, setChosen] = useState<Action | null>(null);
  const selection = useSelection();
  const count = selection.length;
  const selfSelected = selection.some((s) => s.id === selfId);

  const open = (action: Action) => {
    if (stepUpHref) window.location.assign(stepUpHref);
    else setChosen(action);
  };

  return (
    <div className="mt-4 space-y-3">
      <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">With selected users:</span>
        {(Object.keys(LABELS) as Action[]).map((a) => (
          <Button
            key={a}
            type="button"
            variant="secondary"
            disabled={count === 0}
            aria-describedby="bulk-selection-count"
            aria-haspopup="dialog"
            onClick={() => open(a)}
          >
            {LABELS[a]}
          </Button>
        ))}
        <span id="bulk-selection-count" aria-live="polite" className="text-sm font-medium text-slate-700">
          {count === 0 ? "Select users in the table first." : `${count} selected`}
        </span>
      </div>
      {state.error && !chosen && <Alert>{state.error}</Alert>}
      {state.results && !chosen && (
        <section aria-label="Bulk action results" className="rounded-md border border-slate-200 bg-white p-3 text-sm">
          <ul className="space-y-1">
            {state.results.map((r) => (
              <li key={r.userId} className={r.ok ? "text-emerald-800" : "text-red-800"}>
                <span className="font-medium">{r.name}</span>: {r.message}
                {r.activationLink && <BulkLink url={r.activationLink.url} name={r.name} />}
              </li>
            ))}
          </ul>
          {state.results.some((r) => r.activationLink) && (
            <p className="mt-2 text-xs text-slate-500">The activation links are shown only now: copy them before you leave this page. Each works once.</p>
          )}
        </section>
      )}
      <form
        id={BULK_FORM_ID}
        action={(fd) => {
          setChosen(null);
          formAction(fd);
        }}
      >
        {chosen && (
          <Dialog
            open
            onClose={() => setChosen(null)}
            title={`${LABELS[chosen]} for ${count} selected ${count === 1 ? "user" : "users"}?`}
            description={
              <>
                <p>
                  <span className="font-medium text-slate-800">{affected(selection)}</span>.
                </p>
                <p className="mt-2">{EFFECTS[chosen]}</p>
              </>
            }
          >
            <input type="hidden" name="action" value={chosen} form={BULK_FORM_ID} />
            {selfSelected && (
              <div className="mb-3">
                <Alert>You selected your own account: it is left as it is. Ask another administrator to do this for you.</Alert>
              </div>
            )}
            {ASKS_REASON.includes(chosen) && (
              <div className="space-y-1">
                <label htmlFor="bulk-reason" className="block text-sm font-medium">
                  Reason
                </label>
                <textarea
                  id="bulk-reason"
                  name="reason"
                  form={BULK_FORM_ID}
                  required
                  maxLength={500}
                  rows={2}
                  className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                />
              </div>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <Button type="button" variant="ghost" onClick={() => setChosen(null)}>
                Cancel
              </Button>
              <Button type="submit" form={BULK_FORM_ID} variant="danger" disabled={pending || count === 0}>
                {LABELS[chosen]}
              </Button>
            </div>
          </Dialog>
        )}
      </form>
    </div>
  );
}

/** One user's activation link in the results: readable, copyable, shown only until the page changes. */
function BulkLink({ url, name }: { url: string; name: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="mt-0.5 flex flex-wrap items-center gap-2 text-slate-800">
      <code aria-label={`Activation link for ${name}`} className="break-all rounded bg-slate-100 px-1.5 py-0.5 text-xs">
        {url}
      </code>
      <button
        type="button"
        className="text-xs font-medium text-blue-700 hover:underline"
        onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true))}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}
