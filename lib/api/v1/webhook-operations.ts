// REST: Setup > Webhooks (B8) — the same verbs, rules and events as the console. A token is made
// from a High Assurance session, so creating, editing and rotating need no step-up here (L11).
import { z } from "zod";
import { defineOperation, ok } from "@/lib/http/api-operation";
import { fail } from "@/lib/errors";
import { createWebhookBody, DELIVERY_STATUS_FILTERS, updateWebhookBody } from "@/lib/webhooks/webhook-schemas";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-endpoint";
import { setWebhookEndpointActive } from "@/lib/webhooks/set-endpoint-active";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { sendWebhookTestEvent } from "@/lib/webhooks/send-test-event";
import { redeliverWebhook } from "@/lib/webhooks/redeliver";
import { getWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/list-endpoints";
import { listWebhookDeliveries } from "@/lib/webhooks/list-deliveries";
import type { OrgDb } from "@/lib/db/tenant";
import { deliveryJson, endpointJson, webhookDeliverySchema, webhookEndpointSchema, webhookIdParam } from "./webhook-schemas";
import { limitParam } from "./common";

const URL_FAILURES = ["WEBHOOK_URL_INVALID", "WEBHOOK_URL_REFUSED", "WEBHOOK_URL_UNRESOLVED"] as const;
const secretSchema = z.string().meta({
  description: "`whsec_…`: shown in this answer only. Verify deliveries with any Standard Webhooks library.",
  example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
});

async function endpointBody(orgDb: OrgDb, id: string, nowMs: number) {
  const endpoint = await getWebhookEndpoint(orgDb, id, { nowMs });
  return endpoint ? endpointJson(endpoint) : null;
}

export const listWebhooksOperation = defineOperation({
  operationId: "listWebhooks",
  method: "GET",
  path: "/webhooks",
  tag: "webhooks",
  summary: "List webhook endpoints",
  action: "webhooks.view",
  responses: { 200: { description: "The org's endpoints.", schema: z.object({ data: z.array(webhookEndpointSchema) }) } },
  async run({ orgDb, nowMs }) {
    return ok({ data: (await listWebhookEndpoints(orgDb, { nowMs })).map(endpointJson) });
  },
});

export const createWebhookOperation = defineOperation({
  operationId: "createWebhook",
  method: "POST",
  path: "/webhooks",
  tag: "webhooks",
  summary: "Add a webhook endpoint",
  description: "The address must be https:// and must not resolve to a loopback, private or link-local address. The signing secret is in this answer only.",
  action: "webhooks.create",
  body: createWebhookBody,
  bodyExample: { url: "https://siem.example.com/hooks/mfa", description: "Splunk HEC", activities: ["MFA_RESET", "LOCKOUT"], active: true },
  responses: { 201: { description: "Added.", schema: z.object({ endpoint: webhookEndpointSchema, secret: secretSchema }) } },
  failures: [...URL_FAILURES, "WEBHOOK_ENDPOINT_LIMIT"],
  async run({ orgDb, caller, actor, body, context, nowMs }) {
    const result = await createWebhookEndpoint({ orgDb, orgId: caller.orgId, actor, input: body, context, nowMs });
    if (!result.ok) return result;
    return ok({ endpoint: await endpointBody(orgDb, result.id, nowMs), secret: result.secret }, 201);
  },
});

export const getWebhookOperation = defineOperation({
  operationId: "getWebhook",
  method: "GET",
  path: "/webhooks/{id}",
  tag: "webhooks",
  summary: "Read a webhook endpoint",
  action: "webhooks.view",
  params: webhookIdParam,
  responses: { 200: { description: "The endpoint.", schema: webhookEndpointSchema } },
  failures: ["NOT_FOUND"],
  async run({ orgDb, params, nowMs }) {
    const body = await endpointBody(orgDb, params.id, nowMs);
    return body ? ok(body) : fail("NOT_FOUND");
  },
});

export const updateWebhookOperation = defineOperation({
  operationId: "updateWebhook",
  method: "PUT",
  path: "/webhooks/{id}",
  tag: "webhooks",
  summary: "Edit a webhook endpoint",
  description: "Replaces its address, description and activities.",
  action: "webhooks.update",
  params: webhookIdParam,
  body: updateWebhookBody,
  bodyExample: { url: "https://siem.example.com/hooks/mfa", description: "Splunk HEC", activities: [] },
  responses: { 200: { description: "Saved.", schema: webhookEndpointSchema } },
  failures: ["NOT_FOUND", ...URL_FAILURES],
  async run({ orgDb, caller, actor, params, body, context, nowMs }) {
    const result = await updateWebhookEndpoint({ orgDb, orgId: caller.orgId, actor, endpointId: params.id, input: body, context, nowMs });
    return result.ok ? ok(await endpointBody(orgDb, params.id, nowMs)) : result;
  },
});

function setActiveOperation(active: boolean) {
  return defineOperation({
    operationId: active ? "resumeWebhook" : "pauseWebhook",
    method: "POST",
    path: `/webhooks/{id}/${active ? "resume" : "pause"}`,
    tag: "webhooks",
    summary: active ? "Resume a webhook endpoint" : "Pause a webhook endpoint",
    description: active ? "New events are queued for it again; deliveries still pending go out." : "Events are not queued for it while paused.",
    action: "webhooks.pause",
    params: webhookIdParam,
    responses: { 200: { description: active ? "Resumed." : "Paused.", schema: webhookEndpointSchema } },
    failures: ["NOT_FOUND", active ? "WEBHOOK_ALREADY_ACTIVE" : "WEBHOOK_ALREADY_PAUSED"],
    async run({ orgDb, caller, actor, params, context, nowMs }) {
      const result = await setWebhookEndpointActive({ orgDb, orgId: caller.orgId, actor, endpointId: params.id, active, context, nowMs });
      return result.ok ? ok(await endpointBody(orgDb, params.id, nowMs)) : result;
    },
  });
}
export const pauseWebhookOperation = setActiveOperation(false);
export const resumeWebhookOperation = setActiveOperation(true);

export const rotateWebhookSecretOperation = defineOperation({
  operationId: "rotateWebhookSecret",
  method: "POST",
  path: "/webhooks/{id}/rotate-secret",
  tag: "webhooks",
  summary: "Rotate the signing secret",
  description: "The new secret is in this answer only; the previous one keeps signing beside it for 24 hours.",
  action: "webhooks.rotate-secret",
  params: webhookIdParam,
  responses: { 200: { description: "Rotated.", schema: z.object({ secret: secretSchema, previousSecretValidUntil: z.iso.datetime() }) } },
  failures: ["NOT_FOUND"],
  async run({ orgDb, caller, actor, params, context, nowMs }) {
    const result = await rotateWebhookSecret({ orgDb, orgId: caller.orgId, actor, endpointId: params.id, context, nowMs });
    return result.ok ? ok({ secret: result.secret, previousSecretValidUntil: result.previousValidUntil.toISOString() }) : result;
  },
});

export const testWebhookOperation = defineOperation({
  operationId: "sendWebhookTestEvent",
  method: "POST",
  path: "/webhooks/{id}/test",
  tag: "webhooks",
  summary: "Send a test event",
  description: "Queues a `webhook.test` delivery (sent even while the endpoint is paused); follow it in GET /webhooks/{id}/deliveries.",
  action: "webhooks.test",
  params: webhookIdParam,
  responses: { 202: { description: "Queued.", schema: z.object({ deliveryId: z.uuid() }) } },
  failures: ["NOT_FOUND"],
  async run({ orgDb, caller, actor, params, context, nowMs }) {
    const result = await sendWebhookTestEvent({ orgDb, orgId: caller.orgId, actor, endpointId: params.id, context, nowMs });
    return result.ok ? ok({ deliveryId: result.deliveryId }, 202) : result;
  },
});

export const listWebhookDeliveriesOperation = defineOperation({
  operationId: "listWebhookDeliveries",
  method: "GET",
  path: "/webhooks/{id}/deliveries",
  tag: "webhooks",
  summary: "The delivery log",
  description: "Newest first, each delivery with every attempt.",
  action: "webhooks.view",
  params: webhookIdParam,
  query: z.object({ status: z.enum(DELIVERY_STATUS_FILTERS, "PENDING, DELIVERED or FAILED.").optional(), limit: limitParam }),
  responses: { 200: { description: "Deliveries.", schema: z.object({ data: z.array(webhookDeliverySchema) }) } },
  failures: ["NOT_FOUND"],
  async run({ orgDb, params, query }) {
    if (!(await orgDb.webhookEndpoint.count({ where: { id: params.id } }))) return fail("NOT_FOUND");
    return ok({ data: (await listWebhookDeliveries(orgDb, { endpointId: params.id, status: query.status, limit: query.limit })).map(deliveryJson) });
  },
});

export const redeliverWebhookOperation = defineOperation({
  operationId: "redeliverWebhook",
  method: "POST",
  path: "/webhooks/{id}/deliveries/{deliveryId}/redeliver",
  tag: "webhooks",
  summary: "Redeliver",
  description: "A delivered or failed delivery is sent again at once, with the same `webhook-id`.",
  action: "webhooks.redeliver",
  params: webhookIdParam.extend({ deliveryId: z.uuid("Not a valid delivery id.") }),
  responses: { 202: { description: "Queued.", schema: z.object({ deliveryId: z.uuid() }) } },
  failures: ["NOT_FOUND", "WEBHOOK_DELIVERY_PENDING"],
  async run({ orgDb, caller, actor, params, context, nowMs }) {
    if (!(await orgDb.webhookDelivery.count({ where: { id: params.deliveryId, endpointId: params.id } }))) return fail("NOT_FOUND");
    const result = await redeliverWebhook({ orgDb, orgId: caller.orgId, actor, deliveryId: params.deliveryId, context, nowMs });
    return result.ok ? ok({ deliveryId: params.deliveryId }, 202) : result;
  },
});
