"use client";
// B8: "Rotate secret" behind a confirmation; the new secret is then shown once in the dialog.
import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "./local-time";
import { WebhookSecretReveal, type SecretRevealState } from "./webhook-secret-reveal";

export function RotateWebhookSecret({
  endpointId,
  action,
  stepUpHref,
}: {
  endpointId: string;
  action: (prev: SecretRevealState, formData: FormData) => Promise<SecretRevealState>;
  stepUpHref?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState<SecretRevealState, FormData>(action, {});
  const close = () => {
    setOpen(false);
    if (state.secret) router.refresh();
  };
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        aria-haspopup={stepUpHref ? undefined : "dialog"}
        onClick={() => (stepUpHref ? router.push(stepUpHref) : setOpen(true))}
      >
        Rotate secret
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Rotate the signing secret?"
        description={
          state.secret
            ? undefined
            : "A new secret signs every delivery from now on. The current one keeps signing beside it for 24 hours, so your receiver can switch without missing an event."
        }
      >
        {state.secret ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              New secret. The old one stops signing at <LocalTime iso={state.previousValidUntil!} />.
            </p>
            <WebhookSecretReveal secret={state.secret}>
              <Button type="button" onClick={close}>
                Done
              </Button>
            </WebhookSecretReveal>
          </div>
        ) : (
          <form action={formAction} className="space-y-4">
            <input type="hidden" name="endpointId" value={endpointId} />
            {state.error && <Alert>{state.error}</Alert>}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="ghost" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Rotating…" : "Rotate secret"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
