// Pause or resume an endpoint (B8). Paused, its org's events queue nothing for it; resumed, the
// deliveries that were pending go out, and a 5-day failure streak starts over. A conditional
// update, so two admins clicking at once write one event.
import type { OrgDb } from "@/lib/db/tenant";
import { fail, type Result } from "@/lib/errors";
import { recordEndpointEvent, type EndpointActorOptions } from "./endpoint-event";

export async function setWebhookEndpointActive(
  opts: EndpointActorOptions & { orgDb: OrgDb; endpointId: string; active: boolean; nowMs?: number },
): Promise<Result> {
  return opts.orgDb.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: opts.endpointId }, select: { id: true, url: true } });
    if (!endpoint) return fail("NOT_FOUND");
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpoint.id, isActive: !opts.active },
      data: { isActive: opts.active, pausedReason: opts.active ? null : "ADMIN", failingSince: null, updatedAt: new Date(opts.nowMs ?? Date.now()) },
    });
    if (count === 0) return fail(opts.active ? "WEBHOOK_ALREADY_ACTIVE" : "WEBHOOK_ALREADY_PAUSED");
    await recordEndpointEvent(tx, { ...opts, activity: opts.active ? "WEBHOOK_RESUMED" : "WEBHOOK_PAUSED", endpoint });
    return { ok: true as const };
  });
}
