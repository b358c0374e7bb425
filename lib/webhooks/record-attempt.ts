// B8: what an attempt leaves behind, in one transaction — its row in the delivery log, the
// delivery's new state (delivered, due again after the backoff, or failed after the last attempt
// or a 410), and the endpoint's health: a success ends a failure streak; a 410, or FAILING_PAUSE_DAYS
// of failures, pauses it, with an event saying so. Only if the worker's claim still stands: a
// worker whose lease lapsed (it was presumed dead) writes nothing over the one that took over.
import type { Db } from "@/lib/db/client";
import { forOrg } from "@/lib/db/tenant";
import { FAILING_PAUSE_DAYS, MAX_ATTEMPTS, outcomeOf, retryDelayMs } from "./delivery-policy";
import { recordEndpointEvent } from "./endpoint-event";
import type { ClaimedDelivery } from "./claim-deliveries";
import type { AttemptResult } from "./send";

export const WORKER_ACTOR = { id: null, label: "webhook delivery" } as const;

export type AttemptOutcome = "delivered" | "retry" | "failed" | "gone" | "claim-lost";

export async function recordAttempt(
  db: Db,
  opts: { delivery: ClaimedDelivery; result: AttemptResult; startedAtMs: number; nowMs: number; random?: () => number },
): Promise<AttemptOutcome> {
  const { delivery, result } = opts;
  const now = new Date(opts.nowMs);
  const verdict = outcomeOf(result.status);
  const delayMs = verdict === "retry" && delivery.attempt < MAX_ATTEMPTS ? retryDelayMs(delivery.attempt, opts.random) : null;
  const outcome: AttemptOutcome = verdict === "delivered" ? "delivered" : verdict === "gone" ? "gone" : delayMs === null ? "failed" : "retry";
  const nextAttemptAt = delayMs === null ? null : new Date(opts.nowMs + delayMs);
  if (outcome === "delivered") return recordDelivered(db, opts);
  const orgDb = forOrg(db, delivery.orgId);
  return orgDb.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, claimToken: delivery.claimToken, status: "PENDING" },
      data: {
        status: outcome === "retry" ? "PENDING" : "FAILED",
        claimToken: null,
        lastStatusCode: result.status,
        lastError: result.error,
        deliveredAt: null,
        ...(nextAttemptAt ? { nextAttemptAt } : {}),
      },
    });
    if (count === 0) return "claim-lost" as const;
    await tx.webhookAttempt.create({
      data: {
        orgId: delivery.orgId,
        deliveryId: delivery.id,
        attempt: delivery.attempt,
        startedAt: new Date(opts.startedAtMs),
        durationMs: result.durationMs,
        responseStatus: result.status,
        error: result.error,
        nextAttemptAt,
      },
    });
    // A test event to a dead receiver is the admin's probe, not the endpoint's health.
    if (delivery.eventId === null && outcome !== "gone") return outcome;
    const endpoint = await tx.webhookEndpoint.findUnique({
      where: { id: delivery.endpointId },
      select: { id: true, url: true, isActive: true, failingSince: true },
    });
    if (!endpoint) return outcome;
    const failingSince = endpoint.failingSince ?? now;
    const failingTooLong = opts.nowMs - failingSince.getTime() >= FAILING_PAUSE_DAYS * 86_400_000;
    const pause = endpoint.isActive && (outcome === "gone" || failingTooLong) ? (outcome === "gone" ? ("GONE" as const) : ("FAILING" as const)) : null;
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince, ...(pause ? { isActive: false, pausedReason: pause } : {}) } });
    if (pause) {
      await recordEndpointEvent(tx, {
        orgId: delivery.orgId,
        actor: WORKER_ACTOR,
        activity: "WEBHOOK_DISABLED",
        endpoint,
        detail: {
          why: pause === "GONE" ? "The receiver answered 410 Gone." : `No delivery succeeded for ${FAILING_PAUSE_DAYS} days.`,
          deliveryId: delivery.id,
        },
      });
    }
    return outcome;
  });
}

/**
 * The common case in one statement (one round trip instead of a transaction's five, the bulk of a
 * delivery's database time): delivered, its attempt logged, the endpoint's failure streak ended —
 * all or nothing, and only under the worker's claim. Raw SQL, so each part names its org itself.
 */
async function recordDelivered(
  db: Db,
  opts: { delivery: ClaimedDelivery; result: AttemptResult; startedAtMs: number; nowMs: number },
): Promise<AttemptOutcome> {
  const { delivery, result } = opts;
  const now = new Date(opts.nowMs);
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    WITH d AS (
      UPDATE webhook_deliveries
      SET status = 'DELIVERED', claim_token = NULL, last_status_code = ${result.status}, last_error = NULL, delivered_at = ${now}
      WHERE id = ${delivery.id}::uuid AND org_id = ${delivery.orgId}::uuid AND claim_token = ${delivery.claimToken}::uuid AND status = 'PENDING'
      RETURNING id
    ), a AS (
      INSERT INTO webhook_attempts (org_id, delivery_id, attempt, started_at, duration_ms, response_status)
      SELECT ${delivery.orgId}::uuid, d.id, ${delivery.attempt}, ${new Date(opts.startedAtMs)}, ${result.durationMs}, ${result.status} FROM d
    ), e AS (
      UPDATE webhook_endpoints SET failing_since = NULL
      WHERE org_id = ${delivery.orgId}::uuid AND id = ${delivery.endpointId}::uuid AND failing_since IS NOT NULL AND EXISTS (SELECT 1 FROM d)
    )
    SELECT count(*) AS n FROM d`;
  return Number(rows[0]?.n ?? 0) === 1 ? "delivered" : "claim-lost";
}
