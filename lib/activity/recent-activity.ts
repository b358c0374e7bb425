// One user's recent verification events as both pages list them — My security (B7) and the admin
// user page (A2) — so the two tables are one component (components/console/activity/
// recent-activity-table.tsx) reading one shape.
import type { ActivityKind, EventStatus, VerificationMethod } from "@db/generated";

export interface RecentActivity {
  id: string;
  occurredAt: Date;
  activity: ActivityKind;
  method: VerificationMethod | null;
  status: EventStatus;
  reason: string | null;
  ip: string | null;
  /** Set when an administrator (or the operator CLI) did it, not the user. */
  byAdmin: boolean;
  /** Who did it, by name, when not the user; null when the user did. */
  actorName: string | null;
}

interface EventFields {
  id: bigint;
  occurredAt: Date;
  activity: ActivityKind;
  method: VerificationMethod | null;
  status: EventStatus;
  reason: string | null;
  ip: string | null;
  actorId: string | null;
  actorLabel: string | null;
  actor?: { name: string } | null;
}

export function toRecentActivity(e: EventFields, opts: { userId: string }): RecentActivity {
  const byAdmin = (e.actorId !== null && e.actorId !== opts.userId) || e.actorLabel !== null;
  return {
    id: e.id.toString(),
    occurredAt: e.occurredAt,
    activity: e.activity,
    method: e.method,
    status: e.status,
    reason: e.reason,
    ip: e.ip,
    byAdmin,
    actorName: byAdmin ? (e.actor?.name ?? e.actorLabel ?? "An administrator") : null,
  };
}
