// One pass of the worker (B8): claim up to `limit` due deliveries, send each (in parallel), record
// each attempt. Returns how many were claimed, so the loop knows whether to poll again at once.
import type { Db } from "@/lib/db/client";
import { forOrg } from "@/lib/db/tenant";
import { claimDueDeliveries, type ClaimedDelivery } from "./claim-deliveries";
import { buildPayload } from "./payload";
import { openWebhookSecret } from "./endpoint-secret";
import { signatureHeaders } from "./sign";
import { sendAttempt, type AttemptResult } from "./send";
import { recordAttempt, type AttemptOutcome } from "./record-attempt";
import type { UrlPolicy } from "./url-guard";

export interface DeliveryOptions {
  db: Db;
  policy: UrlPolicy;
  /** The injectable clock: every due time, lease and timestamp is read from it. */
  clock?: () => number;
  random?: () => number;
  timeoutMs?: number;
  /** Called after the send, before its result is recorded (tests kill a worker there). */
  onSent?: (delivery: ClaimedDelivery) => void | Promise<void>;
}

export async function deliverDue(opts: DeliveryOptions & { limit: number }): Promise<{ claimed: number; outcomes: AttemptOutcome[] }> {
  const clock = opts.clock ?? Date.now;
  const claimed = await claimDueDeliveries(opts.db, { nowMs: clock(), limit: opts.limit });
  const outcomes = await Promise.all(claimed.map((d) => deliverOne(opts, d, clock)));
  return { claimed: claimed.length, outcomes };
}

async function deliverOne(opts: DeliveryOptions, delivery: ClaimedDelivery, clock: () => number): Promise<AttemptOutcome> {
  const startedAtMs = clock();
  const result = await attempt(opts, delivery, startedAtMs);
  await opts.onSent?.(delivery);
  return recordAttempt(opts.db, { delivery, result, startedAtMs, nowMs: clock(), random: opts.random });
}

async function attempt(opts: DeliveryOptions, delivery: ClaimedDelivery, nowMs: number): Promise<AttemptResult> {
  const endpoint = await forOrg(opts.db, delivery.orgId).webhookEndpoint.findUnique({
    where: { id: delivery.endpointId },
    select: { id: true, url: true, secretCiphertext: true, previousSecretCiphertext: true, previousSecretExpiresAt: true },
  });
  const body = endpoint && (await buildPayload(opts.db, delivery));
  if (!endpoint || !body) return { status: null, durationMs: 0, error: "The endpoint or event no longer exists" };
  const secrets = [openWebhookSecret(endpoint.secretCiphertext, endpoint.id)];
  if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > nowMs) {
    secrets.push(openWebhookSecret(endpoint.previousSecretCiphertext, endpoint.id));
  }
  const headers = signatureHeaders({ messageId: delivery.id, body, secrets, nowMs });
  return sendAttempt({ url: endpoint.url, body, headers, policy: opts.policy, timeoutMs: opts.timeoutMs });
}
