"use client";
// A3: pick the expiry (within the org's maximum) and optional maximum uses, give a reason,
// "Generate Code" → the code, shown once with a copy button → "Done".
import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { Copy } from "lucide-react";
import { generateTempCodeAction, type GenerateState } from "@/app/(console)/setup/users/[id]/temp-code/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select-field";
import { LocalTime } from "@/components/console/local-time";

const MAX_USES = ["", "1", "2", "3", "5", "10"];

export function GenerateTempCodeForm({ userId, userName, maxHours, doneHref }: { userId: string; userName: string; maxHours: number; doneHref: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<GenerateState, FormData>(generateTempCodeAction, {});
  const [copied, setCopied] = useState(false);

  if (state.code) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">Give this code to {userName}. It works until <LocalTime iso={state.expiresAt!} /> and replaces their other verification methods while it is active. No message is sent to the user.</p>
        <p aria-label="Temporary Verification Code" className="rounded-md bg-slate-100 py-4 text-center font-mono text-3xl tracking-widest text-slate-900">
          {state.code}
        </p>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Button type="button" variant="secondary" onClick={() => navigator.clipboard.writeText(state.code!.replace(/\s/g, "")).then(() => setCopied(true))}>
            <Copy aria-hidden className="h-4 w-4" />
            {copied ? "Copied" : "Copy"}
          </Button>
          <Button type="button" onClick={() => router.replace(doneHref)}>
            Done
          </Button>
        </div>
        <p className="text-xs text-slate-500">After you click Done, you can&apos;t view this code again.</p>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="userId" value={userId} />
      {state.error && (
        <Alert>
          {state.error}
          {state.retryAt && (
            <>
              {" "}
              The next code can be generated at <LocalTime iso={state.retryAt} format="time" />.
            </>
          )}
        </Alert>
      )}
      <SelectField
        id="expiresInHours"
        name="expiresInHours"
        label="Expiration"
        defaultValue="1"
        options={Array.from({ length: maxHours }, (_, i) => ({ value: String(i + 1), label: i === 0 ? "1 hour" : `${i + 1} hours` }))}
      />
      <SelectField id="maxUses" name="maxUses" label="Maximum uses" defaultValue="" options={MAX_USES.map((v) => ({ value: v, label: v === "" ? "Unlimited until it expires" : v }))} />
      <div className="space-y-1">
        <label htmlFor="reason" className="block text-sm font-medium text-slate-800">
          Reason
        </label>
        <textarea id="reason" name="reason" required maxLength={500} rows={2} placeholder="e.g. Lost phone, identity confirmed by a video call" className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <p className="text-xs text-slate-500">Kept in the Identity Verification History.</p>
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => router.replace(doneHref)}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Generating…" : "Generate Code"}
        </Button>
      </div>
    </form>
  );
}
