// The body of a delivery (B8): `{ type, timestamp, data }`, where data is the event as the
// history shows it (lib/activity/event-row.ts: labels, the browser, the acting admin by name,
// the detail with any secret-named key masked). Built at send time from the append-only event,
// so every retry sends the same event.
import type { Db } from "@/lib/db/client";
import { EVENT_SELECT, toEventRow } from "@/lib/activity/event-row";

export const TEST_EVENT_TYPE = "webhook.test";

export function eventType(activity: string): string {
  return `event.${activity.toLowerCase()}`;
}

export async function buildPayload(db: Db, delivery: { orgId: string; endpointId: string; eventId: bigint | null; createdAt: Date }): Promise<string | null> {
  if (delivery.eventId === null) {
    return JSON.stringify({
      type: TEST_EVENT_TYPE,
      timestamp: delivery.createdAt.toISOString(),
      data: { endpointId: delivery.endpointId, message: "A test event from MFA Console: your endpoint is reachable and can verify our signature." },
    });
  }
  const event = await db.verificationEvent.findFirst({ where: { id: delivery.eventId, orgId: delivery.orgId }, select: EVENT_SELECT });
  if (!event) return null;
  const row = toEventRow(event);
  return JSON.stringify({
    type: eventType(row.activity),
    timestamp: row.occurredAt.toISOString(),
    data: {
      id: row.id,
      occurredAt: row.occurredAt.toISOString(),
      activity: row.activity,
      activityLabel: row.activityLabel,
      status: row.status,
      statusLabel: row.statusLabel,
      method: row.method,
      methodLabel: row.methodLabel,
      reason: row.reason,
      reasonLabel: row.reasonLabel,
      user: row.userId || row.username ? { id: row.userId, name: row.userName, username: row.username } : null,
      actor: row.actorId || row.actorName ? { id: row.actorId, name: row.actorName } : null,
      ip: row.ip,
      browser: row.browser,
      userAgent: row.userAgent,
      detail: row.detail,
    },
  });
}
