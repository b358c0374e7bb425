// Standard Webhooks signing (B8) with the reference library, so any receiver library verifies it:
// `webhook-id` (the delivery's id: the same on every retry, receivers de-duplicate on it),
// `webhook-timestamp` (this attempt, in seconds) and `webhook-signature`, one `v1,<base64>` per
// secret — two while a rotated-out secret is still valid.
import { Webhook } from "standardwebhooks";

export function signatureHeaders(opts: { messageId: string; body: string; secrets: string[]; nowMs: number }): Record<string, string> {
  const at = new Date(Math.floor(opts.nowMs / 1000) * 1000);
  const signatures = opts.secrets.map((secret) => new Webhook(secret).sign(opts.messageId, at, opts.body));
  return {
    "webhook-id": opts.messageId,
    "webhook-timestamp": String(at.getTime() / 1000),
    "webhook-signature": signatures.join(" "),
  };
}
