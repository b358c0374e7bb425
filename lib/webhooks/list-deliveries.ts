// An endpoint's delivery log (B8): newest first, filtered by status, each delivery with its event
// (as the history labels it) and its attempts — time, HTTP status, duration, error, next retry.
import type { DeliveryStatus } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { ACTIVITY_LABELS } from "@/lib/activity/kinds";
import { eventType, TEST_EVENT_TYPE } from "./payload";

export const DELIVERIES_PAGE = 50;

export async function listWebhookDeliveries(orgDb: OrgDb, opts: { endpointId: string; status?: DeliveryStatus; limit?: number }) {
  const rows = await orgDb.webhookDelivery.findMany({
    where: { endpointId: opts.endpointId, ...(opts.status ? { status: opts.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? DELIVERIES_PAGE,
    select: {
      id: true,
      eventId: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatusCode: true,
      lastError: true,
      deliveredAt: true,
      createdAt: true,
      attemptLog: {
        orderBy: { id: "asc" },
        select: { attempt: true, startedAt: true, durationMs: true, responseStatus: true, error: true, nextAttemptAt: true },
      },
    },
  });
  const eventIds = rows.flatMap((r) => (r.eventId === null ? [] : [r.eventId]));
  const events = eventIds.length
    ? await orgDb.verificationEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true, activity: true, occurredAt: true } })
    : [];
  const byId = new Map(events.map((e) => [e.id, e]));
  return rows.map((r) => {
    const event = r.eventId === null ? null : byId.get(r.eventId);
    return {
      ...r,
      eventId: r.eventId?.toString() ?? null,
      type: event ? eventType(event.activity) : TEST_EVENT_TYPE,
      label: event ? ACTIVITY_LABELS[event.activity] : "Test event",
      // While pending, when the next attempt is due (a claimed one shows its lease: close enough).
      nextRetryAt: r.status === "PENDING" ? r.nextAttemptAt : null,
    };
  });
}

export type WebhookDeliveryRow = Awaited<ReturnType<typeof listWebhookDeliveries>>[number];
