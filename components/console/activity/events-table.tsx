import Link from "next/link";
import type { EventRow } from "@/lib/activity/event-row";
import { LocalTime } from "@/components/console/local-time";
import { EventStatus } from "./event-status";

const DETAIL_PREVIEW_CHARS = 60;

function detailPreview(detail: EventRow["detail"]): string {
  if (detail === null || detail === undefined) return "";
  const text = typeof detail === "object" && !Array.isArray(detail)
    ? Object.entries(detail).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join(", ")
    : JSON.stringify(detail);
  return text.length > DETAIL_PREVIEW_CHARS ? `${text.slice(0, DETAIL_PREVIEW_CHARS - 1)}…` : text;
}

const dash = <span className="text-slate-400">—</span>;

export function EventsTable({ rows, filtered, detailQuery }: { rows: EventRow[]; filtered: boolean; detailQuery: string }) {
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
            {["Time", "User", "Activity", "Method", "Status", "Source IP", "Browser", "Acting admin", "Detail"].map((h) => (
              <th key={h} scope="col" className="px-3 py-3 whitespace-nowrap">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="px-3 py-2 whitespace-nowrap"><LocalTime iso={r.occurredAt.toISOString()} /></td>
              <td className="px-3 py-2">
                {r.userId ? (
                  <Link prefetch={false} href={`/setup/users/${r.userId}`} className="text-blue-800 hover:underline">{r.userName ?? r.username}</Link>
                ) : (r.username ?? dash)}
                {r.userId && r.username && <span className="block text-xs text-slate-500">{r.username}</span>}
              </td>
              <td className="px-3 py-2">{r.activityLabel}</td>
              <td className="px-3 py-2">{r.methodLabel ?? dash}</td>
              <td className="px-3 py-2"><EventStatus row={r} /></td>
              <td className="px-3 py-2 font-mono text-xs">{r.ip ?? dash}</td>
              <td className="px-3 py-2" title={r.userAgent ?? undefined}>{r.browser ?? dash}</td>
              <td className="px-3 py-2">{r.actorName ?? <span className="text-slate-500">The user</span>}</td>
              <td className="px-3 py-2">
                <span className="block max-w-56 truncate text-xs text-slate-600">{detailPreview(r.detail)}</span>
                <Link prefetch={false} href={`/setup/activity/${r.id}${suffix}`} aria-label={`View event ${r.id}`} className="text-xs font-medium text-blue-800 hover:underline">
                  View
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
