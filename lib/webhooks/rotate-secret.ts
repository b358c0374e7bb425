// Rotate secret (B8): a new secret, shown once; the old one keeps signing beside it for
// PREVIOUS_SECRET_HOURS so receivers can switch without losing a delivery. Rotating again within
// that window drops the oldest: only the secret being replaced stays valid.
import type { OrgDb } from "@/lib/db/tenant";
import { fail, type Result } from "@/lib/errors";
import { PREVIOUS_SECRET_HOURS } from "./delivery-policy";
import { newWebhookSecret, sealWebhookSecret } from "./endpoint-secret";
import { recordEndpointEvent, type EndpointActorOptions } from "./endpoint-event";

export async function rotateWebhookSecret(
  opts: EndpointActorOptions & { orgDb: OrgDb; endpointId: string; nowMs?: number },
): Promise<Result<{ secret: string; previousValidUntil: Date }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const secret = newWebhookSecret();
  const previousValidUntil = new Date(nowMs + PREVIOUS_SECRET_HOURS * 3_600_000);
  return opts.orgDb.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: opts.endpointId }, select: { id: true, url: true, secretCiphertext: true } });
    if (!endpoint) return fail("NOT_FOUND");
    // Conditional on the secret read: of two racing rotations one wins, the other is retried by its admin.
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpoint.id, secretCiphertext: endpoint.secretCiphertext },
      data: {
        secretCiphertext: sealWebhookSecret(secret, endpoint.id),
        previousSecretCiphertext: endpoint.secretCiphertext,
        previousSecretExpiresAt: previousValidUntil,
        updatedAt: new Date(nowMs),
      },
    });
    if (count === 0) return fail("NOT_FOUND");
    await recordEndpointEvent(tx, { ...opts, activity: "WEBHOOK_SECRET_ROTATED", endpoint, detail: { previousValidUntil: previousValidUntil.toISOString() } });
    return { ok: true as const, secret, previousValidUntil };
  });
}
