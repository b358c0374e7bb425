// `npm run worker`: the webhook worker on its own (B8), beside or instead of the one every server
// process runs (MFA_WEBHOOK_WORKER=0 turns those off). Any number may run: they share the outbox
// without sending twice (lib/webhooks/claim-deliveries.ts). Needs DATABASE_URL: the embedded PGlite
// lives inside the server's process, whose own worker delivers.
import { openDatabase } from "@/lib/db/client";
import { config } from "@/lib/config";
import { startWebhookWorker } from "@/lib/webhooks/worker";

if (!config.databaseUrl) {
  console.error("npm run worker needs DATABASE_URL: with the embedded database, `npm start` delivers webhooks itself.");
  process.exit(2);
}
const { db, close } = await openDatabase();
const worker = startWebhookWorker({
  db,
  policy: { allowLocalhost: config.webhooksAllowLocalhost },
  onError: (error) => console.error(`[webhooks] ${error instanceof Error ? error.message : String(error)}`),
});
console.log(`[webhooks] worker ${process.pid} delivering${config.webhooksAllowLocalhost ? " (http://localhost allowed)" : ""}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await worker.stop();
    await close();
    process.exit(0);
  });
}
