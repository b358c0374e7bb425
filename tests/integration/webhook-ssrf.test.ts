// SPEC B8 (issue 13): in production mode a webhook never calls into the console's own network —
// loopback, private, link-local and cloud metadata addresses are refused when the endpoint is
// saved, and again when it is sent to (the address resolved then), and no redirect is followed.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { startReceiver } from "../helpers/webhook-receiver";
import { forOrg } from "@/lib/db/tenant";
import { recordEvent } from "@/lib/activity/record-event";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { deliverDue } from "@/lib/webhooks/deliver-due";
import { refusedAddress } from "@/lib/webhooks/url-guard";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const production = { allowLocalhost: false };
const development = { allowLocalhost: true };

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const asAdmin = () => {
  const admin = demo.users["admin@acme.test"]!;
  return { orgDb: forOrg(t.db, admin.orgId), orgId: admin.orgId, actor: { id: admin.id }, context: ctx };
};
const create = (url: string, policy = production) =>
  createWebhookEndpoint({ ...asAdmin(), policy, input: { url, description: "", activities: ["UNLOCK"], active: true } });

describe("webhook SSRF guard", () => {
  it.each([
    ["https://127.0.0.1/hook", "WEBHOOK_URL_REFUSED"],
    ["https://10.1.2.3/hook", "WEBHOOK_URL_REFUSED"],
    ["https://172.16.0.9/hook", "WEBHOOK_URL_REFUSED"],
    ["https://192.168.1.1/hook", "WEBHOOK_URL_REFUSED"],
    ["https://169.254.169.254/latest/meta-data/", "WEBHOOK_URL_REFUSED"],
    ["https://[::1]/hook", "WEBHOOK_URL_REFUSED"],
    ["https://[::ffff:10.0.0.1]/hook", "WEBHOOK_URL_REFUSED"],
    ["https://[fd00:ec2::254]/hook", "WEBHOOK_URL_REFUSED"],
    // A host name resolving to loopback.
    ["https://localhost/hook", "WEBHOOK_URL_REFUSED"],
    ["http://localhost:8080/hook", "WEBHOOK_URL_INVALID"],
    ["http://example.com/hook", "WEBHOOK_URL_INVALID"],
    ["https://user:pass@example.com/hook", "WEBHOOK_URL_INVALID"],
    ["ftp://example.com/", "WEBHOOK_URL_INVALID"],
    ["not a url", "WEBHOOK_URL_INVALID"],
  ])("refuses %s in production mode", async (url, code) => {
    expect(await create(url)).toEqual({ ok: false, code });
  });

  it("keeps refusing the other ranges when local development allows localhost", async () => {
    expect(refusedAddress("127.0.0.1", development)).toBeNull();
    expect(refusedAddress("10.0.0.1", development)).not.toBeNull();
    expect(refusedAddress("169.254.169.254", development)).not.toBeNull();
    expect(refusedAddress("93.184.215.14", production)).toBeNull();
    expect(await t.db.webhookEndpoint.count()).toBe(0);
  });

  it("checks again at send time, on the address the name resolves to then, and sends nothing there", async () => {
    const receiver = await startReceiver();
    try {
      // Saved while loopback was allowed; sent in production mode: the name now leads somewhere refused.
      const saved = await create(receiver.url.replace("http://127.0.0.1", "https://localhost"), development);
      if (!saved.ok) throw new Error(saved.code);
      await recordEvent(asAdmin().orgDb, { orgId: asAdmin().orgId, activity: "UNLOCK", status: "SUCCEEDED" });
      await deliverDue({ db: t.db, policy: production, limit: 10 });
      expect(receiver.received).toHaveLength(0);
      const attempt = await t.db.webhookAttempt.findFirstOrThrow({ where: { delivery: { endpointId: saved.id } } });
      expect(attempt).toMatchObject({ responseStatus: null });
      expect(attempt.error).toMatch(/^Address refused: (127\.0\.0\.1|::1) is a loopback/);
    } finally {
      await receiver.close();
    }
  });

  it("follows no redirect: a 302 is a failed attempt and its target is never called", async () => {
    const receiver = await startReceiver();
    try {
      receiver.answers.push(302);
      const saved = await create(receiver.url, development);
      if (!saved.ok) throw new Error(saved.code);
      await t.db.webhookDelivery.updateMany({ where: { status: "PENDING" }, data: { status: "FAILED" } });
      await recordEvent(asAdmin().orgDb, { orgId: asAdmin().orgId, activity: "UNLOCK", status: "SUCCEEDED" });
      await deliverDue({ db: t.db, policy: development, limit: 10 });
      expect(receiver.received.map((r) => r.body.length > 0)).toEqual([true]);
      expect(await t.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: saved.id, status: { not: "FAILED" } } })).toMatchObject({
        status: "PENDING",
        lastStatusCode: 302,
      });
    } finally {
      await receiver.close();
    }
  });
});
