// `npm run bench:webhooks` (issue 13, B8): deliveries per second from the Postgres outbox to a
// receiver on localhost (one worker, then two sharing the queue), and what the outbox adds to a
// login: the full login (password, TOTP, session) and one event insert, p50/p95, with no
// endpoint, with one endpoint taking every activity, and with one while a worker delivers.
import "../tests/helpers/env";
import { createMigratedDb } from "../tests/helpers/test-db";
import { startReceiver } from "../tests/helpers/webhook-receiver";
import { seedDemo, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/lib/seed/demo";
import { forOrg } from "@/lib/db/tenant";
import { recordEvent } from "@/lib/activity/record-event";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { createSessionFromTicket } from "@/lib/auth/session";
import { totpCodeAt } from "@/lib/mfa/totp";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { startWebhookWorker } from "@/lib/webhooks/worker";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2000);
const LOGINS = Number(process.env.BENCH_RUNS ?? 40);
const ctx = { ip: "127.0.0.1", userAgent: "bench" };
const policy = { allowLocalhost: true };

const pct = (samples: number[], q: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
const line = (name: string, s: number[]) =>
  console.log(
    `${name.padEnd(44)} n=${String(s.length).padStart(4)}  p50 ${pct(s, 0.5).toFixed(2).padStart(7)} ms  p95 ${pct(s, 0.95).toFixed(2).padStart(7)} ms`,
  );
async function time(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const t = await createMigratedDb();
const receiver = await startReceiver();
try {
  await seedDemo(t.db);
  const admin = await t.db.user.findUniqueOrThrow({ where: { username: "admin@acme.test" } });
  const orgDb = forOrg(t.db, admin.orgId);
  const addEndpoint = async () => {
    const r = await createWebhookEndpoint({
      orgDb,
      orgId: admin.orgId,
      actor: { id: admin.id },
      context: ctx,
      policy,
      input: { url: receiver.url, description: "bench", activities: [], active: true },
    });
    if (!r.ok) throw new Error(r.code);
    return r.id;
  };
  let step = 0;
  const login = async () => {
    const nowMs = Date.now() + step++ * 30_000;
    const p = await startPasswordLogin(t.db, { username: admin.username, password: DEMO_PASSWORD, context: ctx, nowMs });
    if (!p.ok) throw new Error(p.code);
    const v = await verifyTotpAtLogin(t.db, { pendingToken: p.pendingToken, code: totpCodeAt(DEMO_TOTP_SECRET, nowMs), context: ctx, nowMs });
    if (!v.ok) throw new Error(v.code);
    if (!(await createSessionFromTicket(t.db, { ticket: v.ticket, pendingToken: p.pendingToken, context: ctx, nowMs }))) throw new Error("no session");
  };
  const oneEvent = () => recordEvent(orgDb, { orgId: admin.orgId, userId: admin.id, activity: "LOGIN", method: "TOTP", status: "SUCCEEDED", context: ctx });
  const loginCost = async (label: string) => {
    const logins: number[] = [];
    const events: number[] = [];
    for (let i = 0; i < LOGINS; i++) logins.push(await time(login));
    for (let i = 0; i < LOGINS * 10; i++) events.push(await time(oneEvent));
    line(`login (password + TOTP + session), ${label}`, logins);
    line(`one event insert, ${label}`, events);
  };

  console.log(`bench/webhooks on Postgres (fresh database), receiver on ${receiver.url}`);
  await oneEvent(); // warm-up
  await loginCost("no endpoint");
  const endpointId = await addEndpoint();
  await loginCost("1 endpoint");
  const busy = startWebhookWorker({ db: t.db, policy, pollMs: 50 });
  await loginCost("1 endpoint + worker");
  await busy.stop();

  for (const workers of [1, 2]) {
    await t.db.webhookDelivery.updateMany({ where: { status: "PENDING" }, data: { status: "FAILED" } });
    const before = receiver.received.length;
    await t.db.verificationEvent.createMany({
      data: Array.from({ length: DELIVERIES }, () => ({ orgId: admin.orgId, userId: admin.id, activity: "LOGIN" as const, status: "SUCCEEDED" as const })),
    });
    const started = performance.now();
    const running = Array.from({ length: workers }, () => startWebhookWorker({ db: t.db, policy, pollMs: 20, batch: 25 }));
    await receiver.waitFor(before + DELIVERIES, 300_000);
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(running.map((w) => w.stop()));
    const delivered = await t.db.webhookDelivery.count({ where: { endpointId, status: "DELIVERED" } });
    console.log(
      `deliveries, ${workers} worker(s) of batch 25`.padEnd(44) +
        ` ${DELIVERIES} in ${seconds.toFixed(2)} s = ${(DELIVERIES / seconds).toFixed(0)}/s (delivered rows so far ${delivered})`,
    );
  }
} finally {
  await receiver.close();
  await t.close();
}
