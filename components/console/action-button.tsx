"use client";
// A non-destructive admin action on one click (a test event, a redelivery): the button, then the
// page refreshed, or the refusal beside it.
import { useActionState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { ActionState } from "./confirm-action";

export function ActionButton({
  label,
  pendingLabel,
  action,
  hidden,
  done,
}: {
  label: string;
  pendingLabel: string;
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  done?: string;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (prev, formData) => {
    const result = await action(prev, formData);
    if (result.ok) router.refresh();
    return result;
  }, {});
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      {state.error && (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      )}
      {state.ok && done && (
        <span role="status" className="text-sm text-slate-600">
          {done}
        </span>
      )}
    </form>
  );
}
