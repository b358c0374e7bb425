import type { Metadata } from "next";
import Link from "next/link";
import { requireAction, requireHighAssurance } from "@/lib/next/guards";
import { listActingUserChoices } from "@/lib/api-tokens/acting-user-choices";
import { API_TOKEN_SCOPES } from "@/lib/api-tokens/api-token-schemas";
import { PERMISSION_LABELS } from "@/lib/users/permissions";
import { ApiTokenForm } from "@/components/console/api-token-form";
import { createApiTokenAction } from "../actions";

export const metadata: Metadata = { title: "New API token" };

export default async function NewApiTokenPage() {
  await requireAction("api-tokens.create");
  const current = await requireHighAssurance("/setup/api-tokens/new");
  const actingUsers = await listActingUserChoices(current.orgDb);
  // Never more than the creator holds (P1): only those scopes are offered.
  const scopes = API_TOKEN_SCOPES.filter((s) => current.permissions.has(s)).map((s) => ({ value: s, label: PERMISSION_LABELS[s] }));
  return (
    <main className="mx-auto max-w-lg space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href="/setup/api-tokens" className="hover:underline">
          API Tokens
        </Link>{" "}
        <span aria-hidden>›</span> New token
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">New API token</h1>
        <ApiTokenForm action={createApiTokenAction} actingUsers={actingUsers.map((u) => ({ id: u.id, label: `${u.name} (${u.username})` }))} scopes={scopes} />
      </section>
    </main>
  );
}
