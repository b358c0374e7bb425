// "Redeliver" (B8): a delivered or failed delivery is due again at once with a fresh set of
// attempts. Its webhook-id stays, as the Standard Webhooks spec wants for the same message; a
// receiver that de-duplicates on it will see it as what it is, a repeat.
import type { OrgDb } from "@/lib/db/tenant";
import { fail, type Result } from "@/lib/errors";
import { recordEndpointEvent, type EndpointActorOptions } from "./endpoint-event";

export async function redeliverWebhook(opts: EndpointActorOptions & { orgDb: OrgDb; deliveryId: string; nowMs?: number }): Promise<Result> {
  const now = new Date(opts.nowMs ?? Date.now());
  return opts.orgDb.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: opts.deliveryId },
      select: { id: true, eventId: true, attempts: true, endpoint: { select: { id: true, url: true } } },
    });
    if (!delivery) return fail("NOT_FOUND");
    // Attempts restart from 0 so the retry schedule is whole again; the log keeps every attempt.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: { not: "PENDING" } },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, claimToken: null, deliveredAt: null },
    });
    if (count === 0) return fail("WEBHOOK_DELIVERY_PENDING");
    await recordEndpointEvent(tx, {
      ...opts,
      activity: "WEBHOOK_REDELIVERED",
      endpoint: delivery.endpoint,
      detail: { deliveryId: delivery.id, eventId: delivery.eventId?.toString() ?? null },
    });
    return { ok: true as const };
  });
}
