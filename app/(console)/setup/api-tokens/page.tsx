import type { Metadata } from "next";
import Link from "next/link";
import { requireAction } from "@/lib/next/guards";
import { capabilities } from "@/lib/policy/actions";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { listApiTokens, type ApiTokenState } from "@/lib/api-tokens/list-api-tokens";
import { SCOPE_SHORT_LABELS } from "@/lib/api-tokens/api-token-schemas";
import { PERMISSION_LABELS } from "@/lib/users/permissions";
import { LocalTime } from "@/components/console/local-time";
import { ConfirmAction } from "@/components/console/confirm-action";
import { Badge } from "@/components/ui/badge";
import { revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API Tokens" };

const STATE_LABELS: Record<ApiTokenState, string | null> = { active: null, revoked: "Revoked", expired: "Expired", "user-inactive": "User inactive" };

export default async function ApiTokensPage() {
  const current = await requireAction("api-tokens.view");
  const can = capabilities(current.permissions);
  const tokens = await listApiTokens(current.orgDb);
  const newHref = currentLevel(current.session).level === "HIGH_ASSURANCE" ? "/setup/api-tokens/new" : stepUpPath("/setup/api-tokens/new");
  return (
    <main className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span> API Tokens
      </nav>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">API Tokens</h1>
          <p className="mt-1 text-sm text-slate-600">
            Tokens let systems call the REST API as an Api Only user. Every call is in the Identity Verification History.
          </p>
        </div>
        <div className="flex gap-2">
          <Link
            prefetch={false}
            href="/docs/api"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            API Docs
          </Link>
          {can["api-tokens.create"] && (
            <Link prefetch={false} href={newHref} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              New token
            </Link>
          )}
        </div>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        {tokens.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No API tokens yet. Create one for each system that calls the API, so each can be revoked alone.</p>
        ) : (
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">API tokens</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Name
                </th>
                <th scope="col" className="px-4 py-3">
                  Acts as
                </th>
                <th scope="col" className="px-4 py-3">
                  Scopes
                </th>
                <th scope="col" className="px-4 py-3">
                  Token
                </th>
                <th scope="col" className="px-4 py-3">
                  Created
                </th>
                <th scope="col" className="px-4 py-3">
                  Last used
                </th>
                <th scope="col" className="px-4 py-3">
                  Expires
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((t) => {
                const state = STATE_LABELS[t.state];
                return (
                  <tr key={t.id}>
                    <td className="px-4 py-3 font-medium">
                      {t.name} {state && <Badge tone="slate">{state}</Badge>}
                    </td>
                    <td className="px-4 py-3">
                      <Link prefetch={false} href={`/setup/users/${t.actingUser.id}`} className="text-blue-700 hover:underline">
                        {t.actingUser.name}
                      </Link>
                      <div className="text-xs text-slate-500">{t.actingUser.username}</div>
                    </td>
                    <td className="px-4 py-3">
                      <div className="flex flex-wrap gap-1">
                        {t.permissions.map((p) => (
                          <span key={p} title={PERMISSION_LABELS[p]}>
                            <Badge tone="blue">{SCOPE_SHORT_LABELS[p] ?? p}</Badge>
                          </span>
                        ))}
                      </div>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">{t.prefix}…</td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <LocalTime iso={t.createdAt.toISOString()} />
                      {t.createdBy && <div className="text-xs text-slate-500">by {t.createdBy.name}</div>}
                    </td>
                    <td className="px-4 py-3">
                      {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt.toISOString()} /> : <span className="text-slate-500">Never</span>}
                    </td>
                    <td className="px-4 py-3">{t.expiresAt ? <LocalTime iso={t.expiresAt.toISOString()} /> : <span className="text-slate-500">Never</span>}</td>
                    <td className="px-4 py-3 text-right">
                      {can["api-tokens.revoke"] && !t.revokedAt && (
                        <ConfirmAction
                          label="Revoke"
                          title={`Revoke “${t.name}”?`}
                          description="Calls with this token are refused from now on. This can't be undone: the system that used it needs a new token."
                          confirmLabel="Revoke"
                          variant="danger"
                          action={revokeApiTokenAction}
                          hidden={{ tokenId: t.id }}
                          successMessage={`Token “${t.name}” revoked.`}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}
