// Setup > Webhooks > Add endpoint (B8): the URL passes the SSRF guard, the secret is made here and
// shown once, stored encrypted; the endpoint and its event commit together. The endpoint's id is
// chosen before the insert so the secret's ciphertext can be bound to it.
import { randomUUID } from "node:crypto";
import type { OrgDb } from "@/lib/db/tenant";
import { fail, type Result } from "@/lib/errors";
import { config } from "@/lib/config";
import { checkEndpointUrl, type UrlPolicy } from "./url-guard";
import { newWebhookSecret, sealWebhookSecret } from "./endpoint-secret";
import { recordEndpointEvent, type EndpointActorOptions } from "./endpoint-event";
import type { CreateWebhookInput } from "./webhook-schemas";

export const WEBHOOK_ENDPOINTS_MAX = 20;

export async function createWebhookEndpoint(
  opts: EndpointActorOptions & { orgDb: OrgDb; input: CreateWebhookInput; policy?: UrlPolicy; nowMs?: number },
): Promise<Result<{ id: string; secret: string }>> {
  const checked = await checkEndpointUrl(opts.input.url, opts.policy ?? { allowLocalhost: config.webhooksAllowLocalhost });
  if (!checked.ok) return fail(checked.code);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const now = new Date(opts.nowMs ?? Date.now());
  const activities = [...new Set(opts.input.activities)];
  return opts.orgDb.$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count()) >= WEBHOOK_ENDPOINTS_MAX) return fail("WEBHOOK_ENDPOINT_LIMIT");
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        id,
        orgId: opts.orgId,
        url: checked.url,
        description: opts.input.description,
        activities,
        secretCiphertext: sealWebhookSecret(secret, id),
        isActive: opts.input.active,
        pausedReason: opts.input.active ? null : "ADMIN",
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true, url: true },
    });
    await recordEndpointEvent(tx, {
      ...opts,
      activity: "WEBHOOK_CREATED",
      endpoint,
      detail: { description: opts.input.description, activities, active: opts.input.active },
    });
    return { ok: true as const, id, secret };
  });
}
