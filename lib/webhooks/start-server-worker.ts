// The webhook worker of a server process (B8), started once by instrumentation.ts unless
// MFA_WEBHOOK_WORKER=0. It shares the process's database client; a database outage is already
// reported once by lib/db/availability.ts, so the worker only logs errors of another kind.
import { getDb } from "@/lib/db/client";
import { isConnectionError } from "@/lib/db/availability";
import { config } from "@/lib/config";
import { startWebhookWorker, type WebhookWorker } from "./worker";

const state = globalThis as unknown as { __mfaWebhookWorker?: Promise<WebhookWorker> };

export function startServerWebhookWorker(): void {
  if (!config.webhookWorkerInServer) return;
  state.__mfaWebhookWorker ??= getDb().then((db) =>
    startWebhookWorker({
      db,
      policy: { allowLocalhost: config.webhooksAllowLocalhost },
      onError: (error) => isConnectionError(error) || console.error(`[webhooks] ${error instanceof Error ? error.message : String(error)}`),
    }),
  );
}
