import Link from "next/link";
import type { DescribedEventRow } from "@/lib/activity/describe-events";
import { detailSummary } from "@/lib/activity/describe-detail";
import { LocalTime } from "@/components/console/local-time";
import { EventStatus } from "./event-status";

const dash = <span className="text-slate-400">—</span>;

/**
 * Fits 1280 px without scrolling: the time is the way into the event (first column, so it stays in
 * view at 1024 px too, where the table scrolls sideways), method sits under the activity, browser
 * under the IP, and long texts are cut to one line with the whole text on hover. The detail reads as
 * labelled sentences (lib/activity/describe-detail.ts), wrapped and cut after three lines; the
 * event page has all of it, and the raw JSON.
 */
export function EventsTable({ rows, filtered, detailQuery }: { rows: DescribedEventRow[]; filtered: boolean; detailQuery: string }) {
  if (rows.length === 0) {
    return (
      <p className="mt-6 rounded-md border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        {filtered ? "No events match these filters." : "No verification activity yet."}
      </p>
    );
  }
  const suffix = detailQuery ? `?${detailQuery}` : "";
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Verification events, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {["Time", "User", "Activity · Method", "Status", "Source", "Acting admin", "Detail"].map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap px-2.5 py-3">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const detail = detailSummary(r.detailParts);
            const user = r.userName ?? r.username;
            return (
              <tr key={r.id} className="align-top hover:bg-slate-50">
                <td className="whitespace-nowrap px-2.5 py-2">
                  <Link prefetch={false} href={`/setup/activity/${r.id}${suffix}`} className="font-medium text-blue-800 hover:underline">
                    <LocalTime iso={r.occurredAt.toISOString()} />
                    <span className="sr-only"> — View event {r.id}</span>
                  </Link>
                </td>
                <td className="px-2.5 py-2">
                  {r.userId ? (
                    <Link
                      prefetch={false}
                      href={`/setup/users/${r.userId}`}
                      title={user ?? undefined}
                      className="block max-w-40 truncate text-blue-800 hover:underline"
                    >
                      {user}
                    </Link>
                  ) : (
                    <span className="block max-w-40 truncate" title={r.username ?? undefined}>
                      {r.username ?? dash}
                    </span>
                  )}
                  {r.userId && r.username && (
                    <span className="block max-w-40 truncate text-xs text-slate-500" title={r.username}>
                      {r.username}
                    </span>
                  )}
                </td>
                <td className="px-2.5 py-2">
                  <span className="block max-w-44">{r.activityLabel}</span>
                  {r.methodLabel && <span className="block text-xs text-slate-500">{r.methodLabel}</span>}
                </td>
                <td className="px-2.5 py-2">
                  <EventStatus row={r} />
                </td>
                <td className="px-2.5 py-2">
                  <span className="block max-w-36 truncate font-mono text-xs" title={r.ip ?? undefined}>
                    {r.ip ?? dash}
                  </span>
                  <span className="block max-w-36 truncate text-xs text-slate-500" title={r.userAgent ?? undefined}>
                    {r.browser ?? dash}
                  </span>
                </td>
                <td className="px-2.5 py-2">
                  <span className="block max-w-32 truncate" title={r.actorName ?? undefined}>
                    {r.actorName ?? <span className="text-slate-500">The user</span>}
                  </span>
                </td>
                <td className="px-2.5 py-2">
                  {/* Sentences, not JSON; a long reason wraps and stops at three lines (break-words: a 1 MB word too). */}
                  <p className="line-clamp-3 w-48 break-words text-xs text-slate-600" title={detail || undefined}>
                    {r.detailParts.map((p, i) => (
                      <span key={i}>
                        {i > 0 && "; "}
                        <span className="font-medium text-slate-700">{p.label}:</span> {p.text}
                      </span>
                    ))}
                  </p>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
