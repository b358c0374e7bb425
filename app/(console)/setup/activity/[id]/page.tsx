import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireHistoryAccess } from "@/lib/next/history-access";
import { getEvent } from "@/lib/activity/get-event";
import { describeEvents } from "@/lib/activity/describe-events";
import { eventFiltersQuery, parseEventFilters } from "@/lib/activity/event-filters";
import { LocalTime } from "@/components/console/local-time";
import { Section } from "@/components/console/user-detail/section";
import { EventStatus } from "@/components/console/activity/event-status";

export const metadata: Metadata = { title: "Verification event" };

export default async function EventDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  // The list's filters ride along, so "Back" returns to the same filtered view.
  const query = eventFiltersQuery(parseEventFilters(await searchParams));
  const listHref = `/setup/activity${query ? `?${query}` : ""}`;
  const { orgDb } = await requireHistoryAccess(`/setup/activity/${encodeURIComponent(id)}${query ? `?${query}` : ""}`);
  const found = await getEvent(orgDb, { eventId: id });
  if (!found) notFound();
  const [event] = await describeEvents(orgDb, [found]);
  const fields: [string, React.ReactNode][] = [
    ["Time", <LocalTime key="t" iso={event.occurredAt.toISOString()} withZone />],
    [
      "Time (UTC)",
      <span key="u" className="font-mono text-xs">
        {event.occurredAt.toISOString()}
      </span>,
    ],
    [
      "User",
      event.userId ? (
        <Link prefetch={false} key="l" href={`/setup/users/${event.userId}`} className="text-blue-800 hover:underline">
          {event.userName} ({event.username})
        </Link>
      ) : (
        (event.username ?? "—")
      ),
    ],
    ["Activity", event.activityLabel],
    ["Method", event.methodLabel ?? "—"],
    ["Status", <EventStatus key="s" row={event} />],
    ["Source IP", event.ip ?? "—"],
    ["Browser", event.browser ?? "—"],
    [
      "User agent",
      <span key="a" className="break-all font-mono text-xs">
        {event.userAgent ?? "—"}
      </span>,
    ],
    [
      "Acting admin",
      event.actorId ? (
        <Link prefetch={false} key="c" href={`/setup/users/${event.actorId}`} className="text-blue-800 hover:underline">
          {event.actorName}
        </Link>
      ) : (
        (event.actorName ?? "The user")
      ),
    ],
    ["Event ID", event.id],
  ];
  return (
    <main className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href={listHref} className="hover:underline">
          Identity Verification History
        </Link>{" "}
        <span aria-hidden>›</span> Event {event.id}
      </nav>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{event.activityLabel}</h1>
        <div className="flex gap-4 text-sm font-medium">
          <Link prefetch={false} href={listHref} className="text-blue-800 hover:underline">
            Back to history
          </Link>
          {event.userId && (
            <Link prefetch={false} href={`/setup/users/${event.userId}`} className="text-blue-800 hover:underline">
              Open user
            </Link>
          )}
        </div>
      </div>
      <Section title="Event">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          {fields.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-600">{label}</dt>
              <dd className="text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section title="Detail">
        {event.detail === null ? (
          <p className="text-sm text-slate-500">No detail recorded.</p>
        ) : (
          <>
            <dl aria-label="Event detail" className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
              {event.detailParts.map((p, i) => (
                <div key={i} className="contents">
                  <dt className="font-medium text-slate-600">{p.label}</dt>
                  <dd className="min-w-0 whitespace-pre-wrap break-words text-slate-900">{p.at ? <LocalTime iso={p.at} withZone /> : p.text}</dd>
                </div>
              ))}
            </dl>
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer font-medium text-blue-800 hover:underline">Show raw JSON</summary>
              <pre
                aria-label="Event detail (JSON)"
                className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800"
              >
                {JSON.stringify(event.detail, null, 2)}
              </pre>
            </details>
          </>
        )}
      </Section>
    </main>
  );
}
