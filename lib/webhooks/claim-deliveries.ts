// B8: a worker takes the due deliveries no other worker holds (FOR UPDATE SKIP LOCKED), and in
// the same statement stamps them with its claim and pushes them CLAIM_LEASE_MS ahead. It sends
// after that commit, holding no lock or transaction open during the HTTP call; its result is
// written only if its claim still stands (./record-attempt.ts). A worker killed mid-send leaves
// the delivery to be claimed again once the lease lapses: at least once, never lost.
//
// Raw SQL across every org (decision 003's exception): this is the system's own queue, not an
// org's request, and every row it returns carries its org, which each later statement filters on.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { CLAIM_LEASE_MS } from "./delivery-policy";

export interface ClaimedDelivery {
  id: string;
  orgId: string;
  endpointId: string;
  eventId: bigint | null;
  attempt: number;
  createdAt: Date;
  claimToken: string;
}

export async function claimDueDeliveries(db: Db, opts: { nowMs: number; limit: number; leaseMs?: number }): Promise<ClaimedDelivery[]> {
  const claimToken = randomUUID();
  const now = new Date(opts.nowMs);
  const leaseUntil = new Date(opts.nowMs + (opts.leaseMs ?? CLAIM_LEASE_MS));
  // A test event goes to a paused endpoint too (./send-test-event.ts); events only to active ones.
  const rows = await db.$queryRaw<{ id: string; org_id: string; endpoint_id: string; event_id: bigint | null; attempts: number; created_at: Date }[]>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.org_id = d.org_id AND e.id = d.endpoint_id
      WHERE d.status = 'PENDING' AND d.next_attempt_at <= ${now} AND (e.is_active OR d.event_id IS NULL)
      ORDER BY d.next_attempt_at
      LIMIT ${opts.limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d
    SET claim_token = ${claimToken}::uuid, attempts = d.attempts + 1, next_attempt_at = ${leaseUntil}
    FROM due WHERE d.id = due.id
    RETURNING d.id::text, d.org_id::text, d.endpoint_id::text, d.event_id, d.attempts, d.created_at`;
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    attempt: r.attempts,
    createdAt: r.created_at,
    claimToken,
  }));
}
