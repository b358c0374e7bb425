"use server";
// Setup > Webhooks (B8): add, edit, rotate the secret (High Assurance), pause or resume, send a
// test event, redeliver. Guard → zod → one lib call, as every admin action.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAdminAction } from "@/lib/next/admin-action-guard";
import { idSchema } from "@/lib/api/schemas";
import { errorMessage } from "@/lib/errors";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { setWebhookEndpointActive } from "@/lib/webhooks/set-endpoint-active";
import { sendWebhookTestEvent } from "@/lib/webhooks/send-test-event";
import { redeliverWebhook } from "@/lib/webhooks/redeliver";
import { parseWebhookForm, webhookFormValues } from "@/lib/webhooks/webhook-form";
import type { ActionState } from "@/components/console/confirm-action";
import type { WebhookFormState } from "@/components/console/webhook-endpoint-form";
import type { SecretRevealState } from "@/components/console/webhook-secret-reveal";

function actorOf(guard: Extract<Awaited<ReturnType<typeof guardAdminAction>>, { ok: true }>) {
  return { orgDb: guard.current.orgDb, orgId: guard.current.user.orgId, actor: { id: guard.current.user.id }, context: guard.context };
}

export async function createWebhookAction(_prev: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  const values = webhookFormValues(formData);
  const guard = await guardAdminAction({ action: "webhooks.create", returnTo: "/setup/webhooks/new" });
  if (!guard.ok) return { values, error: guard.error };
  const parsed = parseWebhookForm(values);
  if (!parsed.success) return { values, fieldErrors: parsed.fieldErrors };
  const result = await createWebhookEndpoint({ ...actorOf(guard), input: parsed.data });
  if (!result.ok)
    return { values, ...(result.code.startsWith("WEBHOOK_URL") ? { fieldErrors: { url: errorMessage(result.code) } } : { error: errorMessage(result.code) }) };
  revalidatePath("/setup/webhooks");
  return { secret: result.secret, endpointId: result.id };
}

export async function updateWebhookAction(_prev: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  const values = webhookFormValues(formData);
  const endpointId = idSchema.safeParse(formData.get("endpointId"));
  if (!endpointId.success) return { values, error: errorMessage("NOT_FOUND") };
  const guard = await guardAdminAction({ action: "webhooks.update", returnTo: `/setup/webhooks/${endpointId.data}/edit` });
  if (!guard.ok) return { values, error: guard.error };
  const parsed = parseWebhookForm(values);
  if (!parsed.success) return { values, fieldErrors: parsed.fieldErrors };
  const result = await updateWebhookEndpoint({ ...actorOf(guard), endpointId: endpointId.data, input: parsed.data });
  if (!result.ok)
    return { values, ...(result.code.startsWith("WEBHOOK_URL") ? { fieldErrors: { url: errorMessage(result.code) } } : { error: errorMessage(result.code) }) };
  revalidatePath(`/setup/webhooks/${endpointId.data}`);
  return { saved: true, endpointId: endpointId.data };
}

export async function rotateWebhookSecretAction(_prev: SecretRevealState, formData: FormData): Promise<SecretRevealState> {
  const endpointId = idSchema.safeParse(formData.get("endpointId"));
  if (!endpointId.success) return { error: errorMessage("NOT_FOUND") };
  const guard = await guardAdminAction({ action: "webhooks.rotate-secret", returnTo: `/setup/webhooks/${endpointId.data}` });
  if (!guard.ok) return guard;
  const result = await rotateWebhookSecret({ ...actorOf(guard), endpointId: endpointId.data });
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath(`/setup/webhooks/${endpointId.data}`);
  return { secret: result.secret, previousValidUntil: result.previousValidUntil.toISOString() };
}

export async function setWebhookActiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const endpointId = idSchema.safeParse(formData.get("endpointId"));
  if (!endpointId.success) return { error: errorMessage("NOT_FOUND") };
  const active = z.enum(["true", "false"]).safeParse(formData.get("active"));
  if (!active.success) return { error: errorMessage("INVALID_INPUT") };
  const guard = await guardAdminAction({ action: "webhooks.pause", returnTo: `/setup/webhooks/${endpointId.data}` });
  if (!guard.ok) return guard;
  const result = await setWebhookEndpointActive({ ...actorOf(guard), endpointId: endpointId.data, active: active.data === "true" });
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath(`/setup/webhooks/${endpointId.data}`);
  return { ok: true };
}

export async function sendWebhookTestAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const endpointId = idSchema.safeParse(formData.get("endpointId"));
  if (!endpointId.success) return { error: errorMessage("NOT_FOUND") };
  const guard = await guardAdminAction({ action: "webhooks.test", returnTo: `/setup/webhooks/${endpointId.data}` });
  if (!guard.ok) return guard;
  const result = await sendWebhookTestEvent({ ...actorOf(guard), endpointId: endpointId.data });
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath(`/setup/webhooks/${endpointId.data}`);
  return { ok: true };
}

export async function redeliverWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const deliveryId = idSchema.safeParse(formData.get("deliveryId"));
  const endpointId = idSchema.safeParse(formData.get("endpointId"));
  if (!deliveryId.success || !endpointId.success) return { error: errorMessage("NOT_FOUND") };
  const guard = await guardAdminAction({ action: "webhooks.redeliver", returnTo: `/setup/webhooks/${endpointId.data}` });
  if (!guard.ok) return guard;
  const result = await redeliverWebhook({ ...actorOf(guard), deliveryId: deliveryId.data });
  if (!result.ok) return { error: errorMessage(result.code) };
  revalidatePath(`/setup/webhooks/${endpointId.data}`);
  return { ok: true };
}
