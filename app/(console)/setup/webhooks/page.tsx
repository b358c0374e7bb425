import type { Metadata } from "next";
import Link from "next/link";
import { requireAction } from "@/lib/next/guards";
import { capabilities } from "@/lib/policy/actions";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { listWebhookEndpoints } from "@/lib/webhooks/list-endpoints";
import { STATE_LABELS, activitiesSummary, healthText } from "@/lib/webhooks/endpoint-labels";
import { Badge } from "@/components/ui/badge";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const current = await requireAction("webhooks.view");
  const can = capabilities(current.permissions);
  const endpoints = await listWebhookEndpoints(current.orgDb);
  const newHref = currentLevel(current.session).level === "HIGH_ASSURANCE" ? "/setup/webhooks/new" : stepUpPath("/setup/webhooks/new");
  return (
    <main className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        Setup <span aria-hidden>›</span> Webhooks
      </nav>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Webhooks</h1>
          <p className="mt-1 text-sm text-slate-600">
            Send every verification event to your SIEM or another system as it happens, signed so the receiver can check it came from this console.
          </p>
        </div>
        {can["webhooks.create"] && (
          <Link prefetch={false} href={newHref} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
            Add endpoint
          </Link>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        {endpoints.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">
            No webhook endpoints yet. Add one to receive verification events at an HTTPS address of yours, such as your SIEM&apos;s event collector.
          </p>
        ) : (
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Webhook endpoints</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Endpoint
                </th>
                <th scope="col" className="px-4 py-3">
                  Activities
                </th>
                <th scope="col" className="px-4 py-3">
                  Status
                </th>
                <th scope="col" className="px-4 py-3">
                  Health
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {endpoints.map((e) => {
                const state = STATE_LABELS[e.state];
                return (
                  <tr key={e.id}>
                    <td className="px-4 py-3">
                      <Link prefetch={false} href={`/setup/webhooks/${e.id}`} className="break-all font-medium text-blue-700 hover:underline">
                        {e.url}
                      </Link>
                      {e.description && <div className="text-xs text-slate-500">{e.description}</div>}
                    </td>
                    <td className="px-4 py-3">{activitiesSummary(e.activities)}</td>
                    <td className="px-4 py-3">
                      <Badge tone={state.tone}>{state.label}</Badge>
                    </td>
                    <td className="px-4 py-3 text-slate-700">{healthText(e.health)}</td>
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
