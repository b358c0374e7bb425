"use client";
// Recovery codes on My security (SPEC B1, B7): how many are left, and Regenerate — behind a
// confirmation and, with any method registered, a step-up — which shows the new set once.
import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { RecoveryCodesReveal } from "@/components/auth/recovery-codes-reveal";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { regenerateRecoveryCodesAction } from "./actions";
import type { AccountActionState } from "./state";

export function RecoveryCodesPanel({
  remaining,
  total,
  stepUpHref,
  openOnLoad,
}: {
  remaining: number;
  total: number;
  stepUpHref?: string;
  openOnLoad: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(openOnLoad);
  const [state, formAction, pending] = useActionState<AccountActionState, FormData>(regenerateRecoveryCodesAction, {});
  const [dismissed, setDismissed] = useState<string[] | undefined>();

  useEffect(() => {
    if (openOnLoad) window.history.replaceState(null, "", window.location.pathname);
  }, [openOnLoad]);

  if (state.codes && state.codes !== dismissed) {
    return (
      <RecoveryCodesReveal
        codes={state.codes}
        continueLabel="Done"
        onContinue={() => {
          setDismissed(state.codes);
          setOpen(false);
        }}
      />
    );
  }
  const verb = remaining === 0 ? "Generate" : "Regenerate";
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        <span className="text-2xl font-semibold text-slate-900">{remaining}</span> of {total} recovery codes left.
      </p>
      {remaining === 0 ? (
        <Alert tone="info">You have no unused recovery codes. Generate a set so you can still log in if you lose your device.</Alert>
      ) : remaining <= 3 ? (
        <Alert tone="info">You are running low on recovery codes. Regenerate them to get a fresh set of {total}.</Alert>
      ) : (
        <p className="text-sm text-slate-600">Each code logs you in once if you can&apos;t use your usual method.</p>
      )}
      <Button
        type="button"
        variant="secondary"
        aria-haspopup={stepUpHref ? undefined : "dialog"}
        onClick={() => (stepUpHref ? router.push(stepUpHref) : setOpen(true))}
      >
        {verb} recovery codes
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`${verb} recovery codes?`}
        description={
          remaining === 0
            ? `You will get ${total} new codes, shown only once.`
            : `Your ${remaining} unused ${remaining === 1 ? "code stops" : "codes stop"} working right away. You will get ${total} new codes, shown only once.`
        }
      >
        <form action={formAction} className="space-y-4">
          {state.error && <Alert>{state.error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Working…" : `${verb} codes`}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
