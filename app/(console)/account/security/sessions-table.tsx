// Sessions on My security (SPEC L9): browser, IP, signed in, last active, level; "This session"
// marked; End for every other one.
import type { MySession } from "@/lib/account/list-my-sessions";
import { METHOD_LABELS } from "@/lib/activity/kinds";
import { LocalTime } from "@/components/console/local-time";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "./confirm-button";
import { endSessionAction } from "./actions";

export function SessionsTable({ sessions }: { sessions: MySession[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Your sessions</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">Browser</th>
            <th scope="col" className="px-4 py-3">IP address</th>
            <th scope="col" className="px-4 py-3">Signed in</th>
            <th scope="col" className="px-4 py-3">Last active</th>
            <th scope="col" className="px-4 py-3">Level</th>
            <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
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
                <span className="block text-xs font-normal text-slate-500">Logged in with {METHOD_LABELS[s.loginMethod].toLowerCase()}</span>
              </th>
              <td className="px-4 py-3 font-mono text-xs text-slate-700">{s.ip ?? "Unknown"}</td>
              <td className="px-4 py-3 text-slate-700">
                <LocalTime iso={s.createdAt.toISOString()} />
              </td>
              <td className="px-4 py-3 text-slate-700">
                <LocalTime iso={s.lastSeenAt.toISOString()} />
              </td>
              <td className="px-4 py-3">
                {s.level === "HIGH_ASSURANCE" ? <Badge tone="green">High assurance</Badge> : <Badge>Standard</Badge>}
              </td>
              <td className="px-4 py-3 text-right">
                {s.current ? (
                  <span className="text-xs text-slate-500">Use Log out</span>
                ) : (
                  <ConfirmButton
                    label="End"
                    accessibleLabel={`End session: ${s.browser}, ${s.ip ?? "unknown IP"}`}
                    title="End this session?"
                    description={`${s.browser}${s.ip ? ` at ${s.ip}` : ""} will be logged out on its next request.`}
                    confirmLabel="End session"
                    action={endSessionAction}
                    hidden={{ sessionId: s.id }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
