"use client";
// A destructive or sensitive action behind a confirmation dialog — an admin's on Setup pages, or
// a person's own on My security — optionally asking for a reason (B3). A Standard session is first
// sent to "Verify your identity" (L10), which returns here (with the dialog open, for My security).
import { useActionState, useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { TempCodeReveal } from "./temp-code-reveal";
import { ActivationLinkReveal } from "./activation-link-reveal";

export interface ActionState {
  ok?: boolean;
  /** B3: the change became a request another administrator approves. */
  pendingApproval?: boolean;
  error?: string;
  /** An approved temporary code (B3): shown once in the dialog instead of closing it. */
  code?: string;
  expiresAt?: string;
  /** A new activation link (W1, W2): shown once in the dialog instead of closing it. */
  activationLink?: { url: string; expiresAt: string };
}

export function ConfirmAction({
  label,
  accessibleLabel,
  title,
  description,
  confirmLabel,
  action,
  hidden = {},
  askReason = false,
  variant = "secondary",
  stepUpHref,
  revealFor,
  successMessage,
  openOnLoad = false,
  compact = false,
}: {
  label: string;
  /** The button's name for assistive technology when the visible label alone is ambiguous ("Revoke"). */
  accessibleLabel?: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** Fields the action needs (ids), sent as hidden inputs. */
  hidden?: Record<string, string>;
  askReason?: boolean;
  variant?: "secondary" | "danger";
  /** Set when the session must step up first: the button goes there instead of opening. */
  stepUpHref?: string;
  /** The user a revealed temporary code is for. */
  revealFor?: string;
  /** The toast that says it worked (announced through the toaster's aria-live region). */
  successMessage?: string;
  /** Opens at once: the page came back from a step-up for this very confirmation (?confirm=). */
  openOnLoad?: boolean;
  /** A smaller button, for a table row. */
  compact?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(openOnLoad);
  useEffect(() => {
    // Once reopened, the ?confirm= in the address has done its job; a reload should not reopen.
    if (openOnLoad) window.history.replaceState(null, "", window.location.pathname);
  }, [openOnLoad]);
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (prev, formData) => {
    const result = await action(prev, formData);
    if (result.ok && !result.code && !result.activationLink) {
      setOpen(false);
      router.refresh();
      if (result.pendingApproval) toast.info("Request sent: another administrator must approve it.");
      else if (successMessage) toast.success(successMessage);
    }
    return result;
  }, {});
  const reasonId = useId();

  const openOrStepUp = () => (stepUpHref ? router.push(stepUpHref) : setOpen(true));
  return (
    <>
      <Button
        type="button"
        variant={variant === "danger" ? "dangerOutline" : "secondary"}
        aria-label={accessibleLabel}
        aria-haspopup={stepUpHref ? undefined : "dialog"}
        onClick={openOrStepUp}
        className={compact ? "px-3 py-1.5" : undefined}
      >
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} description={state.code || state.activationLink ? undefined : description}>
        {state.activationLink ? (
          <ActivationLinkReveal
            url={state.activationLink.url}
            expiresAt={state.activationLink.expiresAt}
            userName={revealFor ?? "the user"}
            onDone={() => {
              setOpen(false);
              router.refresh();
            }}
          />
        ) : state.code ? (
          <TempCodeReveal
            code={state.code}
            expiresAt={state.expiresAt!}
            userName={revealFor ?? "the user"}
            onDone={() => {
              setOpen(false);
              router.refresh();
            }}
          />
        ) : (
          <form action={formAction} className="space-y-4">
            {Object.entries(hidden).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {state.error && <Alert>{state.error}</Alert>}
            {askReason && (
              <div className="space-y-1">
                <label htmlFor={reasonId} className="block text-sm font-medium text-slate-800">
                  Reason
                </label>
                <textarea
                  id={reasonId}
                  name="reason"
                  required
                  maxLength={500}
                  rows={2}
                  placeholder="e.g. Phone lost, confirmed by a call to the user"
                  className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                />
                <p className="text-xs text-slate-500">Kept in the Identity Verification History.</p>
              </div>
            )}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" variant={variant === "danger" ? "danger" : "primary"} disabled={pending}>
                {pending ? "Working…" : confirmLabel}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
