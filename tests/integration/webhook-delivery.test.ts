// SPEC B8 (issue 13): events reach a real receiver signed per Standard Webhooks (checked with the
// standardwebhooks library), retried with growing delays on an injectable clock, stopped by 410,
// failed after the last attempt, paused after 5 days of failures; the outbox is written in the
// event's transaction, so a rolled-back change delivers nothing.
import "../helpers/env";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { startReceiver, type Receiver } from "../helpers/webhook-receiver";
import { forOrg } from "@/lib/db/tenant";
import { recordEvent } from "@/lib/activity/record-event";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { deliverDue } from "@/lib/webhooks/deliver-due";
import { sendWebhookTestEvent } from "@/lib/webhooks/send-test-event";
import { redeliverWebhook } from "@/lib/webhooks/redeliver";
import { MAX_ATTEMPTS } from "@/lib/webhooks/delivery-policy";
import { listWebhookDeliveries } from "@/lib/webhooks/list-deliveries";
import { getWebhookEndpoint } from "@/lib/webhooks/list-endpoints";
import type { ActivityKind } from "@db/generated";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
let receiver: Receiver;
const policy = { allowLocalhost: true };

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());
afterEach(() => receiver?.close());

const admin = () => demo.users["admin@acme.test"]!;
const asAdmin = () => ({ orgDb: forOrg(t.db, admin().orgId), orgId: admin().orgId, actor: { id: admin().id }, context: ctx, policy });

async function endpoint(activities: ActivityKind[], nowMs?: number) {
  // Each test watches its own endpoint: the earlier tests' ones (their receivers closed) are paused.
  await t.db.webhookEndpoint.updateMany({ data: { isActive: false, pausedReason: "ADMIN" } });
  receiver = await startReceiver();
  const created = await createWebhookEndpoint({ ...asAdmin(), input: { url: receiver.url, description: "SIEM", activities, active: true }, nowMs });
  if (!created.ok) throw new Error(created.code);
  return created;
}

/** An event of this activity in Acme, written as every lib verb writes one. */
const event = (activity: ActivityKind) =>
  recordEvent(forOrg(t.db, admin().orgId), { orgId: admin().orgId, userId: admin().id, activity, status: "SUCCEEDED", context: ctx });

/** The worker's passes on a clock that jumps to each next due time, until nothing is pending. */
async function drain(endpointId: string, clock: { now: number }) {
  for (let pass = 0; pass < 50; pass++) {
    await deliverDue({ db: t.db, policy, clock: () => clock.now, limit: 10 });
    const next = await t.db.webhookDelivery.findFirst({
      where: { endpointId, status: "PENDING", endpoint: { isActive: true } },
      orderBy: { nextAttemptAt: "asc" },
    });
    if (!next) return;
    clock.now = Math.max(clock.now, next.nextAttemptAt.getTime());
  }
  throw new Error("deliveries still pending after 50 passes");
}

describe("webhook delivery", () => {
  it("delivers an event signed so the standardwebhooks library verifies it, with the history's labels and no secret", async () => {
    const { id, secret } = await endpoint(["UNLOCK"]);
    await event("UNLOCK");
    await deliverDue({ db: t.db, policy, limit: 10 });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    const payload = receiver.verify(got, secret) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({
      type: "event.unlock",
      data: { activity: "UNLOCK", activityLabel: "Unlocked", statusLabel: "Succeeded", user: { username: "admin@acme.test" } },
    });
    const delivery = await t.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } });
    expect(got.id).toBe(delivery.id);
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 1, lastStatusCode: 200 });
    expect(got.body).not.toContain(secret);
  });

  it("retries 3 failures with growing delays, then succeeds: 4 attempts logged, one webhook-id", async () => {
    const clock = { now: Date.now() };
    const { id, secret } = await endpoint(["UNLOCK"], clock.now);
    receiver.answers.push(500, 503, 429);
    await event("UNLOCK");
    await drain(id, clock);
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);
    expect(receiver.received.every((r) => receiver.signedBy(r, secret))).toBe(true);
    const [delivery] = await listWebhookDeliveries(forOrg(t.db, admin().orgId), { endpointId: id });
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 4 });
    expect(delivery!.attemptLog.map((a) => [a.attempt, a.responseStatus])).toEqual([
      [1, 500],
      [2, 503],
      [3, 429],
      [4, 200],
    ]);
    const delays = delivery!.attemptLog.slice(0, 3).map((a) => a.nextAttemptAt!.getTime() - a.startedAt.getTime());
    expect(delays[0]).toBeGreaterThanOrEqual(4_000);
    expect(delays[1]).toBeGreaterThan(delays[0]!);
    expect(delays[2]).toBeGreaterThan(delays[1]!);
    expect(delivery!.attemptLog[3]!.nextAttemptAt).toBeNull();
    expect(await getWebhookEndpoint(forOrg(t.db, admin().orgId), id)).toMatchObject({ state: "active", failingSince: null });
  });

  it("marks a delivery failed after the last attempt and flags the endpoint as failing", async () => {
    const clock = { now: Date.now() };
    const { id } = await endpoint(["UNLOCK"], clock.now);
    receiver.answers.push(...Array<number>(MAX_ATTEMPTS).fill(500));
    await event("UNLOCK");
    await drain(id, clock);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    const delivery = await t.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } });
    expect(delivery).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastStatusCode: 500 });
    // 5 s + 1 min + … + 24 h ≈ 2 days of retries: failing, not yet paused.
    expect(await getWebhookEndpoint(forOrg(t.db, admin().orgId), id, { nowMs: clock.now })).toMatchObject({ state: "failing", isActive: true });
  });

  it("pauses an endpoint failing for 5 days, and says so with an event", async () => {
    const clock = { now: Date.now() };
    const { id } = await endpoint(["UNLOCK"], clock.now);
    receiver.answers.push(...Array<number>(30).fill(500));
    await event("UNLOCK");
    await drain(id, clock);
    clock.now += 3 * 86_400_000;
    await event("UNLOCK");
    await drain(id, clock);
    const ep = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(ep).toMatchObject({ isActive: false, pausedReason: "FAILING" });
    const disabled = await t.db.verificationEvent.findFirstOrThrow({ where: { activity: "WEBHOOK_DISABLED" }, orderBy: { id: "desc" } });
    expect(disabled.detail).toMatchObject({ endpoint: { id } });
    expect(disabled.actorLabel).toBe("webhook delivery");
  });

  it("stops at 410 Gone: the endpoint is disabled and queues nothing more", async () => {
    const { id } = await endpoint(["UNLOCK"]);
    receiver.answers.push(410);
    await event("UNLOCK");
    await deliverDue({ db: t.db, policy, limit: 10 });
    expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id } })).toMatchObject({ isActive: false, pausedReason: "GONE" });
    expect(await t.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } })).toMatchObject({ status: "FAILED", attempts: 1, lastStatusCode: 410 });
    await event("UNLOCK");
    expect(await t.db.webhookDelivery.count({ where: { endpointId: id } })).toBe(1);
    await deliverDue({ db: t.db, policy, limit: 10 });
    expect(receiver.received).toHaveLength(1);
  });

  it("delivers nothing for a change that rolled back, and exactly the event of one that committed", async () => {
    const { id } = await endpoint(["USER_UPDATED"]);
    const orgDb = forOrg(t.db, admin().orgId);
    await expect(
      orgDb.$transaction(async (tx) => {
        await recordEvent(tx, { orgId: admin().orgId, activity: "USER_UPDATED", status: "SUCCEEDED" });
        throw new Error("the change failed after its event");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.db.webhookDelivery.count({ where: { endpointId: id } })).toBe(0);
    await event("USER_UPDATED");
    expect(await t.db.webhookDelivery.count({ where: { endpointId: id } })).toBe(1);
  });

  it("queues every activity for an endpoint that chose none, and only its chosen ones otherwise", async () => {
    const all = await endpoint([]);
    const before = await t.db.webhookDelivery.count({ where: { endpointId: all.id } });
    await event("LOGIN");
    await event("MFA_RESET");
    expect(await t.db.webhookDelivery.count({ where: { endpointId: all.id } })).toBe(before + 2);
    await receiver.close();
    const chosen = await endpoint(["MFA_RESET"]);
    await event("LOGIN");
    await event("MFA_RESET");
    expect(await t.db.webhookDelivery.count({ where: { endpointId: chosen.id } })).toBe(1);
  });

  it("signs with both secrets for 24 h after a rotation, then with the new one only", async () => {
    const clock = { now: Date.now() };
    const { id, secret: old } = await endpoint(["UNLOCK"], clock.now);
    const rotated = await rotateWebhookSecret({ ...asAdmin(), endpointId: id, nowMs: clock.now });
    if (!rotated.ok) throw new Error(rotated.code);
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await event("UNLOCK");
    clock.now = Date.now();
    await deliverDue({ db: t.db, policy, clock: () => clock.now, limit: 10 });
    const first = receiver.received[0]!;
    expect(first.signature.split(" ")).toHaveLength(2);
    // verify() throws on a bad signature and returns the payload on a good one: both secrets verify it.
    expect(receiver.verify(first, old)).toMatchObject({ type: "event.unlock", data: { activity: "UNLOCK" } });
    expect(receiver.verify(first, rotated.secret)).toMatchObject({ type: "event.unlock", data: { activity: "UNLOCK" } });
    expect(() => receiver.verify(first, `whsec_${Buffer.alloc(32, 1).toString("base64")}`)).toThrow();
    clock.now += 24 * 3_600_000 + 1;
    await event("UNLOCK");
    await deliverDue({ db: t.db, policy, clock: () => clock.now, limit: 10 });
    const second = receiver.received[1]!;
    expect(receiver.signedBy(second, rotated.secret)).toBe(true);
    expect(receiver.signedBy(second, old)).toBe(false);
    const row = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(rotated.secret.slice(6));
    expect(JSON.stringify((await t.db.verificationEvent.findMany({ where: { activity: "WEBHOOK_SECRET_ROTATED" } })).map((e) => e.detail))).not.toContain(
      rotated.secret.slice(6),
    );
  });

  it("sends a test event even to a paused endpoint, and redelivers a delivered one with the same webhook-id", async () => {
    const { id, secret } = await endpoint(["UNLOCK"]);
    await t.db.webhookEndpoint.update({ where: { id }, data: { isActive: false, pausedReason: "ADMIN" } });
    const test = await sendWebhookTestEvent({ ...asAdmin(), endpointId: id });
    if (!test.ok) throw new Error(test.code);
    await deliverDue({ db: t.db, policy, limit: 10 });
    expect((receiver.verify(receiver.received[0]!, secret) as { type: string }).type).toBe("webhook.test");
    expect(await redeliverWebhook({ ...asAdmin(), deliveryId: test.deliveryId })).toEqual({ ok: true });
    expect(await redeliverWebhook({ ...asAdmin(), deliveryId: test.deliveryId })).toEqual({ ok: false, code: "WEBHOOK_DELIVERY_PENDING" });
    await deliverDue({ db: t.db, policy, limit: 10 });
    expect(receiver.received.map((r) => r.id)).toEqual([test.deliveryId, test.deliveryId]);
    const events = await t.db.verificationEvent.findMany({ where: { activity: { in: ["WEBHOOK_TEST_SENT", "WEBHOOK_REDELIVERED"] } } });
    expect(events.map((e) => e.activity).sort()).toEqual(["WEBHOOK_REDELIVERED", "WEBHOOK_TEST_SENT"]);
  });
});
