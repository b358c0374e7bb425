// The event every change to an endpoint writes, in the change's transaction (A10): what it is and
// where it points — never its secret.
import type { ActivityKind, Prisma } from "@db/generated";
import { recordEvent, type EventWriter, type RequestContext } from "@/lib/activity/record-event";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";

export interface EndpointActorOptions {
  orgId: string;
  actor: AdminActor;
  context?: RequestContext;
}

export async function recordEndpointEvent(
  tx: EventWriter,
  opts: EndpointActorOptions & { activity: ActivityKind; endpoint: { id: string; url: string }; detail?: Prisma.InputJsonObject },
): Promise<void> {
  await recordEvent(tx, {
    orgId: opts.orgId,
    actorId: opts.actor.id,
    actorLabel: opts.actor.label ?? null,
    activity: opts.activity,
    status: "SUCCEEDED",
    context: opts.context,
    detail: { endpoint: { id: opts.endpoint.id, url: opts.endpoint.url }, ...opts.detail },
  });
}
