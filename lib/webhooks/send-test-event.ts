// "Send test event" (B8): a delivery that is no verification event (event_id null), due at once,
// signed and retried like any other, so an admin sees in the log whether the receiver answers.
// Sent even while the endpoint is paused: checking a receiver before resuming is the point.
import type { OrgDb } from "@/lib/db/tenant";
import { fail, type Result } from "@/lib/errors";
import { recordEndpointEvent, type EndpointActorOptions } from "./endpoint-event";

export async function sendWebhookTestEvent(
  opts: EndpointActorOptions & { orgDb: OrgDb; endpointId: string; nowMs?: number },
): Promise<Result<{ deliveryId: string }>> {
  const now = new Date(opts.nowMs ?? Date.now());
  return opts.orgDb.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: opts.endpointId }, select: { id: true, url: true } });
    if (!endpoint) return fail("NOT_FOUND");
    const delivery = await tx.webhookDelivery.create({
      data: { orgId: opts.orgId, endpointId: endpoint.id, eventId: null, nextAttemptAt: now, createdAt: now },
      select: { id: true },
    });
    await recordEndpointEvent(tx, { ...opts, activity: "WEBHOOK_TEST_SENT", endpoint, detail: { deliveryId: delivery.id } });
    return { ok: true as const, deliveryId: delivery.id };
  });
}
