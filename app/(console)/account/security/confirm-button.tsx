"use client";
// A destructive "My security" action behind a confirmation dialog (native <dialog>, see
// components/ui/dialog.tsx). When the action needs High Assurance and the session is Standard,
// the button goes to "Verify your identity" first, which returns with this dialog open again.
import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import type { AccountActionState } from "./state";

export function ConfirmButton({
  label,
  accessibleLabel,
  title,
  description,
  confirmLabel,
  action,
  hidden = {},
  stepUpHref,
  openOnLoad = false,
  variant = "secondary",
}: {
  label: string;
  /** The button's name for assistive technology when the visible label alone is ambiguous ("End"). */
  accessibleLabel?: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  action: (prev: AccountActionState, formData: FormData) => Promise<AccountActionState>;
  hidden?: Record<string, string>;
  stepUpHref?: string;
  /** Opens at once: the page came back from a step-up for this very confirmation. */
  openOnLoad?: boolean;
  variant?: "secondary" | "danger";
}) {
  const router = useRouter();
  const [open, setOpen] = useState(openOnLoad);
  const [state, formAction, pending] = useActionState<AccountActionState, FormData>(action, {});

  useEffect(() => {
    // Once reopened, the ?confirm= in the address has done its job; a reload should not reopen.
    if (openOnLoad) window.history.replaceState(null, "", window.location.pathname);
  }, [openOnLoad]);

  return (
    <>
      <Button
        type="button"
        variant={variant}
        aria-label={accessibleLabel}
        aria-haspopup={stepUpHref ? undefined : "dialog"}
        onClick={() => (stepUpHref ? router.push(stepUpHref) : setOpen(true))}
        className="px-3 py-1.5"
      >
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} description={description}>
        <form action={formAction} className="space-y-4">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {state.error && <Alert>{state.error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Working…" : confirmLabel}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
