// The webhook worker (B8): polls for due deliveries and sends them, a batch at a time, until
// stopped. Any number run side by side — in every server process and in `npm run worker` — and
// share the queue through claim-deliveries.ts. It only reads and writes the outbox, never a row a
// login or an admin action waits on, and its sends are asynchronous: a slow or dead receiver
// costs the console nothing but this loop's time.
import { deliverDue, type DeliveryOptions } from "./deliver-due";

export const WORKER_POLL_MS = 1_000;
export const WORKER_BATCH = 10;

export interface WebhookWorker {
  stop(): Promise<void>;
}

export function startWebhookWorker(opts: DeliveryOptions & { pollMs?: number; batch?: number; onError?: (error: unknown) => void }): WebhookWorker {
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let claimed = 0;
      try {
        claimed = (await deliverDue({ ...opts, limit: opts.batch ?? WORKER_BATCH })).claimed;
      } catch (error) {
        // A database outage: wait a poll and try again; the deliveries stay in the outbox.
        opts.onError?.(error);
      }
      if (claimed > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs ?? WORKER_POLL_MS);
        timer.unref?.();
        wake = () => (clearTimeout(timer), resolve());
      });
      wake = null;
    }
  })();
  return {
    async stop() {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
