// Next.js calls register() once per server process at start: each runs a webhook worker (B8,
// docs/decisions/015-webhooks-outbox.md). Node runtime only; the edge runtime has no database.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerWebhookWorker } = await import("@/lib/webhooks/start-server-worker");
  startServerWebhookWorker();
}
