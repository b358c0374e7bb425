"use client";
// A8: the user fields (create and edit). Bad input comes back field by field; nothing is saved.
import { useActionState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { ActivationLinkReveal } from "./activation-link-reveal";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { submitKeepingValues } from "@/components/ui/use-submit-keeping-values";

export interface UserFormState {
  error?: string;
  fieldErrors?: Record<string, string | undefined>;
  /** Create only: the activation link (W1), shown once. */
  activationLink?: { url: string; expiresAt: string };
  userId?: string;
  /** Edit only: the changes were saved; the form goes back to the user's page. */
  saved?: boolean;
}

const EXTRA = [
  {
    value: "MFA_FOR_UI_LOGINS",
    label: "Multi-Factor Authentication for User Interface Logins",
    hint: "MFA at every login, even when the org does not require it.",
  },
  { value: "API_ONLY", label: "Api Only User", hint: "Can call the API; cannot log in to the console." },
];

export function UserForm({
  action,
  profiles,
  initial,
  mode,
  cancelHref,
}: {
  action: (prev: UserFormState, formData: FormData) => Promise<UserFormState>;
  profiles: { id: string; name: string }[];
  initial?: { userId: string; name: string; username: string; profileId: string; extraPermissions: string[] };
  mode: "create" | "edit";
  cancelHref: string;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<UserFormState, FormData>(async (prev, formData) => {
    const result = await action(prev, formData);
    if (result.saved && result.userId) {
      toast.success("Saved.");
      router.push(`/setup/users/${result.userId}`);
    }
    return result;
  }, {});

  if (state.activationLink) {
    return (
      <div className="space-y-4">
        <Alert tone="info">User created. They set their own password with this link, then register a verification method.</Alert>
        <ActivationLinkReveal url={state.activationLink.url} expiresAt={state.activationLink.expiresAt} userName="the user" />
        <div className="flex justify-end">
          <Link
            prefetch={false}
            href={`/setup/users/${state.userId}`}
            className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
            Done
          </Link>
        </div>
      </div>
    );
  }
  const fe = state.fieldErrors ?? {};
  return (
    <form onSubmit={submitKeepingValues(formAction)} className="space-y-4" noValidate>
      {initial && <input type="hidden" name="userId" value={initial.userId} />}
      {state.error && <Alert>{state.error}</Alert>}
      <TextField id="name" name="name" label="Name" defaultValue={initial?.name} error={fe.name} required />
      {mode === "create" ? (
        <TextField
          id="username"
          name="username"
          label="Username"
          type="email"
          hint="An email address, unique across MFA Console."
          error={fe.username}
          required
        />
      ) : (
        <p className="text-sm">
          <span className="block font-medium text-slate-800">Username</span>
          {initial?.username}
        </p>
      )}
      <SelectField
        id="profileId"
        name="profileId"
        label="Profile"
        error={fe.profileId}
        defaultValue={initial?.profileId ?? profiles.find((p) => p.name === "Standard User")?.id}
        options={profiles.map((p) => ({ value: p.id, label: p.name }))}
      />
      <fieldset className="space-y-2" aria-describedby={fe.extraPermissions ? "extraPermissions-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Extra permissions</legend>
        {fe.extraPermissions && (
          <p id="extraPermissions-error" className="text-sm text-red-700">
            {fe.extraPermissions}
          </p>
        )}
        {EXTRA.map((p) => (
          <label key={p.value} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="extraPermissions"
              value={p.value}
              defaultChecked={initial?.extraPermissions.includes(p.value)}
              className="mt-0.5 h-4 w-4"
            />
            <span>
              {p.label}
              <span className="block text-xs text-slate-500">{p.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex justify-end gap-2">
        <Link prefetch={false} href={cancelHref} className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create user" : "Save"}
        </Button>
      </div>
    </form>
  );
}
