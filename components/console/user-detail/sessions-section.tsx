import { Section, Empty } from "./section";
import { LocalTime } from "@/components/console/local-time";
import { ConfirmAction } from "@/components/console/confirm-action";
import { revokeSessionsAction } from "@/app/(console)/setup/users/[id]/actions";
import { describeUserAgent } from "@/lib/account/user-agent";
import type { UserDetail } from "@/lib/users/get-user-detail";

export function SessionsSection({ detail, canAct, stepUpHref }: { detail: UserDetail; canAct: boolean; stepUpHref?: string }) {
  const sessions = detail.user.sessions;
  const revoke = canAct && sessions.length > 0 && (
    <ConfirmAction
      label="Revoke all sessions"
      title="Revoke all sessions?"
      description={`${detail.user.name} is logged out everywhere on their next click.`}
      confirmLabel="Revoke sessions"
      variant="danger"
      action={revokeSessionsAction}
      hidden={{ userId: detail.user.id }}
      successMessage={`Sessions revoked: ${detail.user.name} is logged out everywhere.`}
      stepUpHref={stepUpHref}
    />
  );
  return (
    <Section title="Sessions" actions={revoke}>
      {sessions.length === 0 ? (
        <Empty>No active sessions.</Empty>
      ) : (
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Active sessions</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4">Browser</th>
              <th scope="col" className="py-2 pr-4">IP address</th>
              <th scope="col" className="py-2 pr-4">Level</th>
              <th scope="col" className="py-2 pr-4">Started</th>
              <th scope="col" className="py-2">Last seen</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <tr key={s.id}>
                <td className="py-2 pr-4">{describeUserAgent(s.userAgent)}</td>
                <td className="py-2 pr-4 font-mono text-xs">{s.ip ?? "—"}</td>
                <td className="py-2 pr-4">{s.level === "HIGH_ASSURANCE" ? "High assurance" : "Standard"}</td>
                <td className="py-2 pr-4"><LocalTime iso={s.createdAt.toISOString()} /></td>
                <td className="py-2"><LocalTime iso={s.lastSeenAt.toISOString()} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
