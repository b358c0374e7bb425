// The one sessions table (SPEC L9, issue 12), on My security and on the admin user page: browser
// and how the session was opened, IP, signed in, last active, level. The pages differ only in
// what they mark and offer: My security marks "This session" and ends the others; the admin page
// revokes one session of the user. `action` renders that per row (null: nothing to offer).
import type { SessionView } from "@/lib/account/session-view";
import { LOGIN_METHOD_LABELS } from "@/lib/activity/kinds";
import { LocalTime } from "@/components/console/local-time";
import { Badge } from "@/components/ui/badge";

export function SessionsTable({ sessions, caption, action }: { sessions: SessionView[]; caption: string; action?: (session: SessionView) => React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="whitespace-nowrap px-4 py-3">
              Browser · Login
            </th>
            <th scope="col" className="whitespace-nowrap px-4 py-3">
              IP address
            </th>
            <th scope="col" className="whitespace-nowrap px-4 py-3">
              Signed in
            </th>
            <th scope="col" className="whitespace-nowrap px-4 py-3">
              Last active
            </th>
            <th scope="col" className="whitespace-nowrap px-4 py-3">
              Level
            </th>
            {action && (
              <th scope="col" className="whitespace-nowrap px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sessions.map((s) => (
            <tr key={s.id} aria-current={s.current ? "true" : undefined}>
              <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                <span title={s.userAgent ?? undefined}>{s.browser}</span>
                {s.current && (
                  <span className="ml-2">
                    <Badge tone="blue">This session</Badge>
                  </span>
                )}
                <span className="block text-xs font-normal text-slate-500">{LOGIN_METHOD_LABELS[s.loginMethod]}</span>
              </th>
              <td className="px-4 py-3 font-mono text-xs text-slate-700">{s.ip ?? "Unknown"}</td>
              <td className="px-4 py-3 text-slate-700">
                <LocalTime iso={s.createdAt.toISOString()} />
              </td>
              <td className="px-4 py-3 text-slate-700">
                <LocalTime iso={s.lastSeenAt.toISOString()} />
              </td>
              <td className="px-4 py-3">{s.level === "HIGH_ASSURANCE" ? <Badge tone="green">High assurance</Badge> : <Badge>Standard</Badge>}</td>
              {action && <td className="px-4 py-3 text-right">{action(s)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
