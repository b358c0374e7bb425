// Next.js calls register() once per server process at start. Node runtime only; the edge runtime
// has no database. Each process runs a webhook worker (B8, docs/decisions/015-webhooks-outbox.md)
// and hands scripts/server.mjs the REST API handler it serves in front of Next.js
// (docs/decisions/020-api-beside-next.md).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerWebhookWorker } = await import("@/lib/webhooks/start-server-worker");
  startServerWebhookWorker();
  const { API_FAST_PATH, createApiFastPath } = await import("@/lib/http/node-api");
  (globalThis as Record<symbol, unknown>)[API_FAST_PATH] = createApiFastPath();
}
