// How Setup > Webhooks names an endpoint's state and health (B8).
import { ACTIVITY_LABELS } from "@/lib/activity/kinds";
import type { ActivityKind } from "@db/generated";
import type { EndpointState } from "./list-endpoints";

export const STATE_LABELS: Record<EndpointState, { label: string; tone: "green" | "amber" | "red" | "slate"; explain: string | null }> = {
  active: { label: "Active", tone: "green", explain: null },
  failing: {
    label: "Failing",
    tone: "amber",
    explain: "Deliveries to this endpoint are failing and being retried. After 5 days without a success it is paused.",
  },
  ADMIN: { label: "Paused", tone: "slate", explain: "Paused by an administrator: events are not sent to it. Resume it to send them again." },
  GONE: {
    label: "Stopped: receiver gone",
    tone: "red",
    explain: "The receiver answered 410 Gone, so nothing more is sent. Check the address, then resume it.",
  },
  FAILING: {
    label: "Paused: failing for 5 days",
    tone: "red",
    explain: "No delivery succeeded for 5 days, so the endpoint was paused. Fix the receiver, send a test event, then resume it.",
  },
};

export function activitiesSummary(activities: ActivityKind[]): string {
  if (activities.length === 0) return "All activities";
  if (activities.length <= 2) return activities.map((a) => ACTIVITY_LABELS[a]).join(", ");
  return `${activities.length} activities`;
}

export function healthText(health: { tried: number; share: number | null }): string {
  if (health.share === null) return "No deliveries in the last 24 hours";
  return `${Math.round(health.share * 100)} % delivered in the last 24 hours (${health.tried})`;
}
