// Issue 13 (B8) through the REST API: /api/v1/webhooks… with the console's rules and events, every
// answer checked against the OpenAPI document; another org's endpoint is a 404 like a random id
// (T1, decision 003), its events never reach this org's endpoints; hostile input is a 4xx.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { callApi, makeToken } from "../helpers/api";
import { forOrg } from "@/lib/db/tenant";
import { recordEvent } from "@/lib/activity/record-event";
import { listWebhookDeliveries } from "@/lib/webhooks/list-deliveries";
import {
  createWebhookOperation,
  getWebhookOperation,
  listWebhookDeliveriesOperation,
  listWebhooksOperation,
  pauseWebhookOperation,
  redeliverWebhookOperation,
  resumeWebhookOperation,
  rotateWebhookSecretOperation,
  testWebhookOperation,
  updateWebhookOperation,
} from "@/lib/api/v1/webhook-operations";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
let acme: string;
let globex: string;
// A public address literal: no DNS needed, and allowed in production mode.
const URL = "https://93.184.215.14/hooks/mfa";

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  acme = (await makeToken(t.db, { actingUsername: "api@acme.test" })).token;
  const globexUser = await t.db.user.create({
    data: {
      orgId: demo.users["admin@globex.test"]!.orgId,
      username: "api@globex.test",
      name: "Globex Integration",
      profileId: demo.users["admin@globex.test"]!.profileId,
      passwordHash: "x",
    },
  });
  globex = (await makeToken(t.db, { actingUsername: globexUser.username })).token;
});
afterAll(() => t?.close());

describe("REST /webhooks", () => {
  it("adds, reads, edits, pauses, resumes, rotates and tests an endpoint, each an event", async () => {
    const created = await callApi(t.db, createWebhookOperation, { token: acme, body: { url: URL, description: "SIEM", activities: ["MFA_RESET"] } });
    expect(created).toMatchObject({ status: 201, body: { endpoint: { url: URL, description: "SIEM", activities: ["MFA_RESET"], state: "active" } } });
    const { endpoint, secret } = created.body as { endpoint: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const params = { id: endpoint.id };
    expect(await callApi(t.db, listWebhooksOperation, { token: acme })).toMatchObject({ status: 200, body: { data: [{ id: endpoint.id }] } });
    expect(JSON.stringify((await callApi(t.db, getWebhookOperation, { token: acme, params })).body)).not.toContain(secret.slice(6));
    expect(await callApi(t.db, updateWebhookOperation, { token: acme, params, body: { url: URL, description: "Splunk", activities: [] } })).toMatchObject({
      status: 200,
      body: { description: "Splunk", activities: [] },
    });
    expect(await callApi(t.db, pauseWebhookOperation, { token: acme, params })).toMatchObject({ status: 200, body: { state: "paused" } });
    expect(await callApi(t.db, pauseWebhookOperation, { token: acme, params })).toMatchObject({ status: 409, body: { code: "WEBHOOK_ALREADY_PAUSED" } });
    expect(await callApi(t.db, resumeWebhookOperation, { token: acme, params })).toMatchObject({ status: 200, body: { state: "active" } });
    const rotated = await callApi(t.db, rotateWebhookSecretOperation, { token: acme, params });
    expect(rotated).toMatchObject({ status: 200, body: { secret: expect.stringMatching(/^whsec_/) } });
    const test = await callApi(t.db, testWebhookOperation, { token: acme, params });
    expect(test.status).toBe(202);
    const deliveries = await callApi(t.db, listWebhookDeliveriesOperation, { token: acme, params, query: { status: "PENDING" } });
    expect((deliveries.body as { data: { type: string }[] }).data.map((d) => d.type)).toContain("webhook.test");
    const deliveryId = (test.body as { deliveryId: string }).deliveryId;
    expect(await callApi(t.db, redeliverWebhookOperation, { token: acme, params: { ...params, deliveryId } })).toMatchObject({
      status: 409,
      body: { code: "WEBHOOK_DELIVERY_PENDING" },
    });
    const kinds = (await t.db.verificationEvent.findMany({ orderBy: { id: "asc" }, select: { activity: true } }))
      .map((e) => e.activity)
      .filter((a) => a.startsWith("WEBHOOK"));
    expect(kinds).toEqual(["WEBHOOK_CREATED", "WEBHOOK_UPDATED", "WEBHOOK_PAUSED", "WEBHOOK_RESUMED", "WEBHOOK_SECRET_ROTATED", "WEBHOOK_TEST_SENT"]);
    expect(await t.db.verificationEvent.findFirstOrThrow({ where: { activity: "WEBHOOK_CREATED" } })).toMatchObject({
      actorId: demo.users["api@acme.test"]!.id,
      actorLabel: "API token “Test token”",
    });
  });

  it("refuses an address in a private range, and hostile input, with a 4xx", async () => {
    expect(await callApi(t.db, createWebhookOperation, { token: acme, body: { url: "https://169.254.169.254/latest" } })).toMatchObject({
      status: 400,
      body: { code: "WEBHOOK_URL_REFUSED" },
    });
    for (const body of [
      { url: `${URL}\u0000` },
      { url: URL, description: "a\u0000b" },
      { url: `https://example.com/${"a".repeat(1_000_000)}` },
      { url: URL, description: "x".repeat(1_000_000) },
      { url: URL, activities: ["NOT_A_KIND"] },
      { url: URL, activities: Array(100).fill("LOGIN") },
      { url: 42 },
      { url: URL, extra: true },
    ]) {
      const answer = await callApi(t.db, createWebhookOperation, { token: acme, body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(await callApi(t.db, getWebhookOperation, { token: acme, params: { id: "not-a-uuid" } })).toMatchObject({ status: 400 });
    expect(
      await callApi(t.db, listWebhookDeliveriesOperation, { token: acme, params: { id: "6f1c2a9e-3b4d-4c5e-8f70-91a2b3c4d5e6" }, query: { status: "LOST" } }),
    ).toMatchObject({ status: 400 });
  });

  it("keeps each org's endpoints, deliveries and events to itself", async () => {
    const mine = ((await callApi(t.db, listWebhooksOperation, { token: acme })).body as { data: { id: string }[] }).data[0]!;
    const params = { id: mine.id };
    expect(await callApi(t.db, listWebhooksOperation, { token: globex })).toMatchObject({ status: 200, body: { data: [] } });
    for (const op of [getWebhookOperation, pauseWebhookOperation, rotateWebhookSecretOperation, testWebhookOperation, listWebhookDeliveriesOperation]) {
      expect(await callApi(t.db, op, { token: globex, params }), op.operationId).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    }
    expect(await callApi(t.db, updateWebhookOperation, { token: globex, params, body: { url: URL } })).toMatchObject({ status: 404 });
    const acmeDelivery = await t.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: mine.id } });
    expect(await callApi(t.db, redeliverWebhookOperation, { token: globex, params: { ...params, deliveryId: acmeDelivery.id } })).toMatchObject({
      status: 404,
    });
    const globexOrg = demo.users["admin@globex.test"]!.orgId;
    expect(await listWebhookDeliveries(forOrg(t.db, globexOrg), { endpointId: mine.id })).toEqual([]);
    // Globex's events queue nothing for Acme's endpoint (which takes every activity).
    const before = await t.db.webhookDelivery.count({ where: { endpointId: mine.id } });
    await recordEvent(forOrg(t.db, globexOrg), { orgId: globexOrg, activity: "MFA_RESET", status: "SUCCEEDED" });
    expect(await t.db.webhookDelivery.count({ where: { endpointId: mine.id } })).toBe(before);
    expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ isActive: true, url: URL });
  });
});
