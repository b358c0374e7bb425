// SPEC B8 (issue 13): workers in separate processes share one outbox without sending twice
// (FOR UPDATE SKIP LOCKED), and a worker killed mid-delivery loses nothing: its claim lapses and
// the delivery is sent again, with the same webhook-id, and completes.
import "../helpers/env";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { startReceiver, type Receiver } from "../helpers/webhook-receiver";
import { forOrg } from "@/lib/db/tenant";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { deliverDue } from "@/lib/webhooks/deliver-due";
import { CLAIM_LEASE_MS } from "@/lib/webhooks/delivery-policy";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const policy = { allowLocalhost: true };
const workers: ChildProcess[] = [];
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await Promise.all(receivers.map((r) => r.close()));
  await t?.close();
});

const acme = () => demo.users["admin@acme.test"]!;

async function endpointAt(): Promise<{ id: string; receiver: Receiver }> {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const created = await createWebhookEndpoint({
    orgDb: forOrg(t.db, acme().orgId),
    orgId: acme().orgId,
    actor: { id: acme().id },
    context: ctx,
    policy,
    input: { url: receiver.url, description: "", activities: ["UNLOCK"], active: true },
  });
  if (!created.ok) throw new Error(created.code);
  return { id: created.id, receiver };
}

function startWorker(): ChildProcess {
  if (!t.url) throw new Error("two worker processes need the test Postgres server (TEST_DATABASE_URL)");
  // node itself with tsx as a loader: its pid is the worker's, so SIGKILL kills the worker, not a wrapper.
  const worker = spawn(process.execPath, ["--import", "tsx", "scripts/webhook-worker.ts"], {
    env: { ...process.env, DATABASE_URL: t.url, MFA_WEBHOOKS_ALLOW_LOCALHOST: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  workers.push(worker);
  return worker;
}

const unlockEvents = (count: number) =>
  t.db.verificationEvent.createMany({
    data: Array.from({ length: count }, () => ({ orgId: acme().orgId, userId: acme().id, activity: "UNLOCK" as const, status: "SUCCEEDED" as const })),
  });

describe("webhook workers", () => {
  it("two worker processes deliver 200 events to each of two endpoints exactly once", async () => {
    const a = await endpointAt();
    const b = await endpointAt();
    await unlockEvents(200);
    const [w1, w2] = [startWorker(), startWorker()];
    await a.receiver.waitFor(200, 60_000);
    await b.receiver.waitFor(200, 60_000);
    // Time for any duplicate to arrive before counting.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const { id, receiver } of [a, b]) {
      expect(receiver.received).toHaveLength(200);
      expect(new Set(receiver.received.map((r) => r.id)).size).toBe(200);
      expect(await t.db.webhookDelivery.groupBy({ by: ["status", "attempts"], where: { endpointId: id }, _count: { _all: true } })).toEqual([
        { status: "DELIVERED", attempts: 1, _count: { _all: 200 } },
      ]);
    }
    // No claim is left behind: every delivery's result was recorded by the worker that sent it.
    expect(await t.db.webhookDelivery.count({ where: { claimToken: { not: null } } })).toBe(0);
    for (const w of [w1!, w2!]) w.kill("SIGTERM");
    await Promise.all([w1!, w2!].map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once("exit", r)))));
    expect([w1!.exitCode, w2!.exitCode]).toEqual([0, 0]);
  });

  it("retries a delivery whose worker was killed mid-send, with the same webhook-id, once the claim lapses", async () => {
    await t.db.webhookEndpoint.updateMany({ data: { isActive: false, pausedReason: "ADMIN" } });
    const { id, receiver } = await endpointAt();
    receiver.answers.push("hang");
    await unlockEvents(1);
    const worker = startWorker();
    await receiver.waitFor(1, 30_000);
    worker.kill("SIGKILL");
    await new Promise((r) => worker.once("exit", r));
    const claimed = await t.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } });
    expect(claimed).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(claimed.claimToken).not.toBeNull();
    // Before the lease lapses nobody takes it; after, the next worker does.
    expect((await deliverDue({ db: t.db, policy, limit: 10 })).claimed).toBe(0);
    const later = Date.now() + CLAIM_LEASE_MS + 1_000;
    expect(await deliverDue({ db: t.db, policy, clock: () => later, limit: 10 })).toMatchObject({ claimed: 1, outcomes: ["delivered"] });
    expect(receiver.received.map((r) => r.id)).toEqual([claimed.id, claimed.id]);
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: claimed.id } })).toMatchObject({ status: "DELIVERED", attempts: 2, claimToken: null });
    // The killed attempt left no log row (its outcome is unknown); the one that completed did.
    expect((await t.db.webhookAttempt.findMany({ where: { deliveryId: claimed.id } })).map((a) => [a.attempt, a.responseStatus])).toEqual([[2, 200]]);
  });
});
