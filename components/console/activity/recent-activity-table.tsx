// The one recent-activity table (issue 12) of My security and of the admin user page: time,
// activity, method, status with the failure reason, IP. The admin page names who acted in a "By"
// column; My security marks what an administrator did instead (`showActor`).
import type { RecentActivity } from "@/lib/activity/recent-activity";
import { ACTIVITY_LABELS, METHOD_LABELS, STATUS_LABELS, failureReasonLabel } from "@/lib/activity/kinds";
import { LocalTime } from "@/components/console/local-time";
import { Badge } from "@/components/ui/badge";

const STATUS_TONES = { SUCCEEDED: "green", FAILED: "red", PENDING: "amber" } as const;

export function RecentActivityTable({ events, caption, showActor = false }: { events: RecentActivity[]; caption: string; showActor?: boolean }) {
  if (events.length === 0) {
    return <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No verification activity yet.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">
              Time
            </th>
            <th scope="col" className="px-4 py-3">
              Activity
            </th>
            <th scope="col" className="px-4 py-3">
              Method
            </th>
            <th scope="col" className="px-4 py-3">
              Status
            </th>
            <th scope="col" className="px-4 py-3">
              IP address
            </th>
            {showActor && (
              <th scope="col" className="px-4 py-3">
                By
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">
                <LocalTime iso={e.occurredAt.toISOString()} />
              </td>
              <td className="px-4 py-2.5 text-slate-900">
                {ACTIVITY_LABELS[e.activity]}
                {!showActor && e.byAdmin && <span className="ml-1 text-xs text-slate-500">(by an administrator)</span>}
              </td>
              <td className="px-4 py-2.5 text-slate-700">{e.method ? METHOD_LABELS[e.method] : <NoValue />}</td>
              <td className="px-4 py-2.5">
                <Badge tone={STATUS_TONES[e.status]}>{STATUS_LABELS[e.status]}</Badge>
                {e.reason && <span className="ml-1 text-xs text-slate-500">{failureReasonLabel(e.reason)}</span>}
              </td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-700">{e.ip ?? <NoValue />}</td>
              {showActor && <td className="px-4 py-2.5 text-slate-700">{e.actorName ?? <span className="text-slate-500">The user</span>}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NoValue() {
  return (
    <span className="font-sans text-slate-400">
      <span aria-hidden>—</span>
      <span className="sr-only">None</span>
    </span>
  );
}
