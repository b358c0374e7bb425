"use client";
// A3: pick the expiry (within the org's maximum) and optional maximum uses, give a reason,
// "Generate Code" → the code, shown once with a copy button → "Done".
import { useActionState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { generateTempCodeAction, type GenerateState } from "./actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select-field";
import { LocalTime } from "@/components/console/local-time";
import { TempCodeReveal } from "@/components/console/temp-code-reveal";
import { submitKeepingValues } from "@/components/ui/use-submit-keeping-values";

const MAX_USES = ["", "1", "2", "3", "5", "10"];

export function GenerateTempCodeForm({ userId, userName, maxHours, doneHref }: { userId: string; userName: string; maxHours: number; doneHref: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<GenerateState, FormData>(generateTempCodeAction, {});
  const fe = state.fieldErrors ?? {};

  if (state.code) {
    const done = () => {
      toast.success(`Temporary verification code active for ${userName}.`);
      router.replace(doneHref);
    };
    return <TempCodeReveal code={state.code} expiresAt={state.expiresAt!} userName={userName} onDone={done} />;
  }
  if (state.pendingApproval) {
    return (
      <div className="space-y-4" role="status">
        <p className="text-sm text-slate-700">
          <strong>Request sent.</strong> {userName} is an administrator, so your org asks a second administrator to approve this code. The administrator who
          approves it sees the code and gives it to {userName}.
        </p>
        <div className="flex justify-end">
          <Button
            type="button"
            onClick={() => {
              toast.info("Request sent: another administrator must approve the code.");
              router.replace(doneHref);
            }}
          >
            Done
          </Button>
        </div>
      </div>
    );
  }
  return (
    <form onSubmit={submitKeepingValues(action)} className="space-y-4" noValidate>
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
        error={fe.expiresInHours}
        options={Array.from({ length: maxHours }, (_, i) => ({ value: String(i + 1), label: i === 0 ? "1 hour" : `${i + 1} hours` }))}
      />
      <SelectField
        id="maxUses"
        name="maxUses"
        label="Maximum uses"
        defaultValue=""
        error={fe.maxUses}
        options={MAX_USES.map((v) => ({ value: v, label: v === "" ? "Unlimited until it expires" : v }))}
      />
      <div className="space-y-1">
        <label htmlFor="reason" className="block text-sm font-medium text-slate-800">
          Reason
        </label>
        <textarea
          id="reason"
          name="reason"
          required
          maxLength={500}
          rows={2}
          placeholder="e.g. Lost phone, identity confirmed by a video call"
          aria-invalid={fe.reason ? true : undefined}
          aria-describedby={fe.reason ? "reason-error reason-hint" : "reason-hint"}
          className={`block w-full rounded-md border px-3 py-2 text-sm ${fe.reason ? "border-red-500" : "border-slate-300"}`}
        />
        {fe.reason && (
          <p id="reason-error" className="text-sm text-red-700">
            {fe.reason}
          </p>
        )}
        <p id="reason-hint" className="text-xs text-slate-500">
          Kept in the Identity Verification History.
        </p>
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
