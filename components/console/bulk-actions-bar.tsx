"use client";
// B4: act on the users ticked in the table (their checkboxes belong to this form by id), confirm,
// and read the result per user.
import { useActionState, useState } from "react";
import { bulkAction, type BulkState } from "@/app/(console)/setup/users/bulk-actions";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

export const BULK_FORM_ID = "bulk-users";

const LABELS = { "reset-mfa": "Reset MFA", "reset-password": "Reset password", "expire-temp-codes": "Expire temporary codes", "revoke-sessions": "Revoke sessions" } as const;
const ASKS_REASON: readonly Action[] = ["reset-mfa", "reset-password"];
type Action = keyof typeof LABELS;

export function BulkActionsBar({ stepUpHref }: { stepUpHref?: string }) {
  const [state, formAction, pending] = useActionState<BulkState, FormData>(bulkAction, {});
  const [chosen, setChosen] = useState<Action | null>(null);
  const [count, setCount] = useState(0);

  const open = (action: Action) => {
    const ticked = document.querySelectorAll<HTMLInputElement>(`input[name="userIds"][form="${BULK_FORM_ID}"]:checked`).length;
    setCount(ticked);
    if (stepUpHref) window.location.assign(stepUpHref);
    else setChosen(action);
  };

  return (
    <div className="mt-4 space-y-3">
      <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">With selected users:</span>
        {(Object.keys(LABELS) as Action[]).map((a) => (
          <Button key={a} type="button" variant="secondary" onClick={() => open(a)}>
            {LABELS[a]}
          </Button>
        ))}
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
      <form id={BULK_FORM_ID} action={(fd) => { setChosen(null); formAction(fd); }}>
        {chosen && (
          <Dialog open onClose={() => setChosen(null)} title={`${LABELS[chosen]} for ${count} selected ${count === 1 ? "user" : "users"}?`}>
            <input type="hidden" name="action" value={chosen} form={BULK_FORM_ID} />
            {count === 0 && <Alert>Select users in the table first.</Alert>}
            {chosen === "reset-password" && (
              <p className="text-sm text-slate-700">Their passwords stop working now and their sessions end. You get a one-time activation link for each user; their verification methods stay.</p>
            )}
            {ASKS_REASON.includes(chosen) && (
              <div className="space-y-1">
                <label htmlFor="bulk-reason" className="block text-sm font-medium">Reason</label>
                <textarea id="bulk-reason" name="reason" form={BULK_FORM_ID} required maxLength={500} rows={2} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
              </div>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <Button type="button" variant="ghost" onClick={() => setChosen(null)}>Cancel</Button>
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
      <button type="button" className="text-xs font-medium text-blue-700 hover:underline" onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true))}>
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}
