// REST shapes of Setup > Webhooks (B8): an endpoint as the API shows it (never its secret) and a
// delivery with its attempts.
import { z } from "zod";
import { WEBHOOK_ACTIVITIES } from "@/lib/webhooks/webhook-schemas";
import type { WebhookEndpointRow } from "@/lib/webhooks/list-endpoints";
import type { WebhookDeliveryRow } from "@/lib/webhooks/list-deliveries";

const STATES = { active: "active", failing: "failing", ADMIN: "paused", GONE: "stopped-gone", FAILING: "paused-failing" } as const;

export const webhookIdParam = z.object({ id: z.uuid("Not a valid endpoint id.").meta({ description: "The endpoint's id (GET /webhooks)." }) });

export const webhookEndpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    activities: z.array(z.enum(WEBHOOK_ACTIVITIES)).meta({ description: "Empty: every activity." }),
    state: z.enum(Object.values(STATES) as [string, ...string[]]).meta({
      description: "`paused`: by an administrator; `stopped-gone`: the receiver answered 410; `paused-failing`: no success for 5 days; `failing`: retrying.",
    }),
    health: z
      .object({ tried: z.number().int(), delivered: z.number().int(), share: z.number().nullable() })
      .meta({ description: "Deliveries of the last 24 hours tried at least once, and the share delivered." }),
    previousSecretValidUntil: z.iso.datetime().nullable().meta({ description: "After a rotation: until when the previous secret signs too." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });

export function endpointJson(e: WebhookEndpointRow) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    activities: e.activities,
    state: STATES[e.state],
    health: e.health,
    previousSecretValidUntil: e.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export const webhookDeliverySchema = z
  .object({
    id: z.uuid().meta({ description: "Also the `webhook-id` header of every attempt." }),
    type: z.string().meta({ example: "event.mfa_reset" }),
    eventId: z.string().nullable().meta({ description: "The history event; null for a test event." }),
    status: z.enum(["PENDING", "DELIVERED", "FAILED"]),
    attempts: z.number().int(),
    nextRetryAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    attemptLog: z.array(
      z.object({
        attempt: z.number().int(),
        startedAt: z.iso.datetime(),
        durationMs: z.number().int(),
        responseStatus: z.number().int().nullable(),
        error: z.string().nullable(),
        nextAttemptAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: "WebhookDelivery" });

export function deliveryJson(d: WebhookDeliveryRow) {
  return {
    id: d.id,
    type: d.type,
    eventId: d.eventId,
    status: d.status,
    attempts: d.attempts,
    nextRetryAt: d.nextRetryAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    attemptLog: d.attemptLog.map((a) => ({ ...a, startedAt: a.startedAt.toISOString(), nextAttemptAt: a.nextAttemptAt?.toISOString() ?? null })),
  };
}
