import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAction } from "@/lib/next/guards";
import { capabilities } from "@/lib/policy/actions";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { idSchema } from "@/lib/api/schemas";
import { getWebhookEndpoint } from "@/lib/webhooks/list-endpoints";
import { listWebhookDeliveries } from "@/lib/webhooks/list-deliveries";
import { DELIVERY_STATUS_FILTERS } from "@/lib/webhooks/webhook-schemas";
import { STATE_LABELS, activitiesSummary, healthText } from "@/lib/webhooks/endpoint-labels";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/console/local-time";
import { ConfirmAction } from "@/components/console/confirm-action";
import { ActionButton } from "@/components/console/action-button";
import { RotateWebhookSecret } from "@/components/console/rotate-webhook-secret";
import { redeliverWebhookAction, rotateWebhookSecretAction, sendWebhookTestAction, setWebhookActiveAction } from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };

const STATUS_LABELS = { PENDING: "Pending", DELIVERED: "Delivered", FAILED: "Failed" } as const;
const STATUS_TONES = { PENDING: "amber", DELIVERED: "green", FAILED: "red" } as const;

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ status?: string | string[] }>;
}) {
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const current = await requireAction("webhooks.view");
  const endpoint = await getWebhookEndpoint(current.orgDb, id.data);
  if (!endpoint) notFound();
  const raw = (await searchParams).status;
  const status = DELIVERY_STATUS_FILTERS.find((s) => s === raw);
  const deliveries = await listWebhookDeliveries(current.orgDb, { endpointId: endpoint.id, status });
  const can = capabilities(current.permissions);
  const high = currentLevel(current.session).level === "HIGH_ASSURANCE";
  const here = `/setup/webhooks/${endpoint.id}`;
  const state = STATE_LABELS[endpoint.state];
  return (
    <main className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        Setup <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href="/setup/webhooks" className="hover:underline">
          Webhooks
        </Link>{" "}
        <span aria-hidden>›</span> Endpoint
      </nav>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="break-all text-xl font-semibold">{endpoint.url}</h1>
            {endpoint.description && <p className="text-sm text-slate-600">{endpoint.description}</p>}
          </div>
          <Badge tone={state.tone}>{state.label}</Badge>
        </div>
        {state.explain && <p className="text-sm text-slate-700">{state.explain}</p>}
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Activities</dt>
            <dd>{activitiesSummary(endpoint.activities)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Health</dt>
            <dd>{healthText(endpoint.health)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Signing secret</dt>
            <dd>
              {endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? (
                <>
                  Rotated; the previous one signs too until <LocalTime iso={endpoint.previousSecretExpiresAt.toISOString()} />
                </>
              ) : (
                "One secret"
              )}
            </dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-2">
          {can["webhooks.test"] && (
            <ActionButton
              label="Send test event"
              pendingLabel="Sending…"
              action={sendWebhookTestAction}
              hidden={{ endpointId: endpoint.id }}
              done="Test event queued: it appears in the log below."
            />
          )}
          {can["webhooks.update"] && (
            <Link
              prefetch={false}
              href={high ? `${here}/edit` : stepUpPath(`${here}/edit`)}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Edit
            </Link>
          )}
          {can["webhooks.rotate-secret"] && (
            <RotateWebhookSecret endpointId={endpoint.id} action={rotateWebhookSecretAction} stepUpHref={high ? undefined : stepUpPath(here)} />
          )}
          {can["webhooks.pause"] &&
            (endpoint.isActive ? (
              <ConfirmAction
                label="Pause"
                title="Pause this endpoint?"
                description="Events are not sent to it while it is paused. Those that happen meanwhile are not queued for it."
                confirmLabel="Pause"
                variant="danger"
                action={setWebhookActiveAction}
                hidden={{ endpointId: endpoint.id, active: "false" }}
              />
            ) : (
              <ConfirmAction
                label="Resume"
                title="Resume this endpoint?"
                description="New events are sent to it again, and deliveries still pending go out now."
                confirmLabel="Resume"
                action={setWebhookActiveAction}
                hidden={{ endpointId: endpoint.id, active: "true" }}
              />
            ))}
        </div>
      </section>

      <section className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 className="text-lg font-semibold">Delivery log</h2>
          <nav aria-label="Filter deliveries by status" className="flex gap-1 text-sm">
            {[undefined, ...DELIVERY_STATUS_FILTERS].map((s) => (
              <Link
                prefetch={false}
                key={s ?? "all"}
                href={s ? `${here}?status=${s}` : here}
                aria-current={s === status ? "page" : undefined}
                className={`rounded-md px-3 py-1 ${s === status ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {s ? STATUS_LABELS[s] : "All"}
              </Link>
            ))}
          </nav>
        </div>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          {deliveries.length === 0 ? (
            <p className="p-6 text-sm text-slate-600">
              {status
                ? `No ${STATUS_LABELS[status].toLowerCase()} deliveries.`
                : "Nothing delivered yet. Send a test event to check that your receiver answers."}
            </p>
          ) : (
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Deliveries, newest first</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    Event
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Attempts
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Time
                  </th>
                  <th scope="col" className="px-4 py-3">
                    HTTP status
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Duration
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Error
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Next retry
                  </th>
                  <th scope="col" className="px-4 py-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {deliveries.map((d) => {
                  const last = d.attemptLog.at(-1);
                  return (
                    <tr key={d.id} className="align-top">
                      <td className="px-4 py-3">
                        {d.eventId ? (
                          <Link prefetch={false} href={`/setup/activity/${d.eventId}`} className="text-blue-700 hover:underline">
                            {d.label}
                          </Link>
                        ) : (
                          d.label
                        )}
                        <div className="font-mono text-xs text-slate-500">{d.type}</div>
                        {d.attemptLog.length > 1 && (
                          <details className="mt-1 text-xs">
                            <summary className="cursor-pointer text-slate-600">Every attempt</summary>
                            <ol className="mt-1 space-y-0.5">
                              {d.attemptLog.map((a, i) => (
                                <li key={i}>
                                  #{a.attempt} <LocalTime iso={a.startedAt.toISOString()} format="time" /> — {a.responseStatus ?? "no answer"}, {a.durationMs}{" "}
                                  ms{a.error ? `, ${a.error}` : ""}
                                </li>
                              ))}
                            </ol>
                          </details>
                        )}
                      </td>
                      <td className="px-4 py-3">
                        <Badge tone={STATUS_TONES[d.status]}>{STATUS_LABELS[d.status]}</Badge>
                      </td>
                      <td className="px-4 py-3">{d.attempts}</td>
                      <td className="whitespace-nowrap px-4 py-3">
                        {last ? <LocalTime iso={last.startedAt.toISOString()} /> : <LocalTime iso={d.createdAt.toISOString()} />}
                      </td>
                      <td className="px-4 py-3">{last?.responseStatus ?? (last ? "No answer" : "—")}</td>
                      <td className="px-4 py-3">{last ? `${last.durationMs} ms` : "—"}</td>
                      <td className="max-w-xs break-words px-4 py-3 text-slate-700">{last?.error ?? ""}</td>
                      <td className="whitespace-nowrap px-4 py-3">
                        {d.nextRetryAt && d.attempts > 0 ? <LocalTime iso={d.nextRetryAt.toISOString()} /> : d.status === "PENDING" ? "Now" : "—"}
                      </td>
                      <td className="px-4 py-3 text-right">
                        {can["webhooks.redeliver"] && d.status !== "PENDING" && (
                          <ActionButton
                            label="Redeliver"
                            pendingLabel="Queuing…"
                            action={redeliverWebhookAction}
                            hidden={{ deliveryId: d.id, endpointId: endpoint.id }}
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
      </section>
    </main>
  );
}
