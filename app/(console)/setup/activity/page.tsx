import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { requireHistoryAccess } from "@/lib/next/history-access";
import { listEvents } from "@/lib/activity/list-events";
import { describeEvents } from "@/lib/activity/describe-events";
import { countEvents, eventCountText } from "@/lib/activity/count-events";
import { checkEventFilters, EVENT_FILTER_KEYS, eventFiltersQuery, hasEventFilters } from "@/lib/activity/event-filters";
import { Alert } from "@/components/ui/alert";
import { getUserSuggestion } from "@/lib/activity/suggest-users";
import { EventsFilters } from "@/components/console/activity/events-filters";
import { EventsTable } from "@/components/console/activity/events-table";

export const metadata: Metadata = { title: "Identity Verification History" };

const FILTER_LABELS = { user: "User", activity: "Activity", method: "Method", status: "Status", from: "From", to: "To", tz: "time zone" } as const;

const pagerClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
const pagerOffClass = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // A malformed filter is left out and said so; the rest of the view still opens.
  const { filters, problems } = checkEventFilters(params);
  const query = eventFiltersQuery(filters);
  const { orgDb } = await requireHistoryAccess(`/setup/activity${query ? `?${query}` : ""}`);
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const [page, count, user] = await Promise.all([
    listEvents(orgDb, { filters, older: str(params.older), newer: str(params.newer) }),
    countEvents(orgDb, { filters }),
    filters.user ? getUserSuggestion(orgDb, { userId: filters.user }) : null,
  ]);
  const rows = await describeEvents(orgDb, page.rows);
  const filtered = hasEventFilters(filters);
  const href = (extra: Record<string, string>) => `/setup/activity?${eventFiltersQuery(filters, extra)}`;
  return (
    <main>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span> Identity Verification History
      </nav>
      <div className="mt-1 flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">Identity Verification History</h1>
        {/* A POST: an export is an event in the viewer's name, never started by a link. */}
        <form method="post" action="/setup/activity/export">
          {EVENT_FILTER_KEYS.map((key) => (filters[key] ? <input key={key} type="hidden" name={key} value={filters[key]} /> : null))}
          <button
            type="submit"
            className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <Download aria-hidden className="h-4 w-4" />
            Export CSV
          </button>
        </form>
      </div>
      {Object.keys(problems).length > 0 && (
        <div className="mt-3">
          <Alert>
            {Object.entries(problems)
              .map(([key, message]) => `The ${FILTER_LABELS[key as keyof typeof FILTER_LABELS]} filter was left out: ${message}`)
              .join(" ")}
          </Alert>
        </div>
      )}
      <EventsFilters key={query} filters={filters} user={user} />
      {count.count > 0 && (
        <p className="mt-4 text-sm text-slate-600">
          <strong className="font-semibold text-slate-900">{eventCountText(count)}</strong>
          {filtered ? " match these filters" : " in your org's history"}
        </p>
      )}
      <EventsTable rows={rows} filtered={filtered} detailQuery={query} />
      <nav aria-label="Pagination" className="mt-4 flex justify-end gap-2">
        {page.newer ? (
          <Link prefetch={false} href={href({ newer: page.newer })} className={pagerClass}>
            Newer
          </Link>
        ) : (
          <span aria-disabled className={pagerOffClass}>
            Newer
          </span>
        )}
        {page.older ? (
          <Link prefetch={false} href={href({ older: page.older })} className={pagerClass}>
            Older
          </Link>
        ) : (
          <span aria-disabled className={pagerOffClass}>
            Older
          </span>
        )}
      </nav>
    </main>
  );
}
