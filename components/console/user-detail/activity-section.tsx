import Link from "next/link";
import { Section, Empty } from "./section";
import { LocalTime } from "@/components/console/local-time";
import { Badge } from "@/components/ui/badge";
import { ACTIVITY_LABELS, FAILURE_REASONS, METHOD_LABELS, STATUS_LABELS } from "@/lib/activity/kinds";
import type { UserDetail } from "@/lib/users/get-user-detail";

const STATUS_TONE = { SUCCEEDED: "green", FAILED: "red", PENDING: "amber" } as const;

/** `stepUpHref`: the org wants High Assurance to read history (S2) and this session isn't. */
export function ActivitySection({ detail, stepUpHref }: { detail: UserDetail; stepUpHref?: string }) {
  if (stepUpHref) {
    return (
      <Section title="Recent verification activity">
        <Empty>
          Your organization requires a recently verified session to view verification history.{" "}
          <Link prefetch={false} href={stepUpHref} className="font-medium text-blue-800 underline">
            Verify your identity
          </Link>
        </Empty>
      </Section>
    );
  }
  return (
    <Section
      title="Recent verification activity"
      actions={
        <Link prefetch={false} href={`/setup/activity?user=${detail.user.id}`} className="text-sm font-medium text-blue-800 hover:underline">
          View all
        </Link>
      }
    >
      {detail.events.length === 0 ? (
        <Empty>No verification activity yet.</Empty>
      ) : (
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Recent verification activity</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4">Time</th>
              <th scope="col" className="py-2 pr-4">Activity</th>
              <th scope="col" className="py-2 pr-4">Method</th>
              <th scope="col" className="py-2 pr-4">Status</th>
              <th scope="col" className="py-2 pr-4">IP address</th>
              <th scope="col" className="py-2">By</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {detail.events.map((e) => (
              <tr key={String(e.id)}>
                <td className="py-2 pr-4 whitespace-nowrap"><LocalTime iso={e.occurredAt.toISOString()} /></td>
                <td className="py-2 pr-4">{ACTIVITY_LABELS[e.activity]}</td>
                <td className="py-2 pr-4">{e.method ? METHOD_LABELS[e.method] : "—"}</td>
                <td className="py-2 pr-4">
                  <Badge tone={STATUS_TONE[e.status]}>{STATUS_LABELS[e.status]}</Badge>
                  {e.reason && <span className="ml-1 text-xs text-slate-500">{FAILURE_REASONS[e.reason as keyof typeof FAILURE_REASONS] ?? e.reason}</span>}
                </td>
                <td className="py-2 pr-4 font-mono text-xs">{e.ip ?? "—"}</td>
                <td className="py-2">{e.actor?.name ?? e.actorLabel ?? <span className="text-slate-500">The user</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
