// Edit an endpoint (B8): its address (checked again by the SSRF guard), description and
// activities. The event says what changed.
import type { OrgDb } from "@/lib/db/tenant";
import { fail, type Result } from "@/lib/errors";
import { config } from "@/lib/config";
import { checkEndpointUrl, precheckEndpointUrl, type UrlPolicy } from "./url-guard";
import { recordEndpointEvent, type EndpointActorOptions } from "./endpoint-event";
import type { UpdateWebhookInput } from "./webhook-schemas";

export async function updateWebhookEndpoint(
  opts: EndpointActorOptions & { orgDb: OrgDb; endpointId: string; input: UpdateWebhookInput; policy?: UrlPolicy; nowMs?: number },
): Promise<Result> {
  const policy = opts.policy ?? { allowLocalhost: config.webhooksAllowLocalhost };
  // A wrong address is refused as such; then another org's endpoint, or none, is a 404 like any
  // other; only then the host is looked up (DNS), outside the transaction.
  const precheck = precheckEndpointUrl(opts.input.url, policy);
  if (!precheck.ok) return fail(precheck.code);
  if (!(await opts.orgDb.webhookEndpoint.count({ where: { id: opts.endpointId } }))) return fail("NOT_FOUND");
  const checked = await checkEndpointUrl(opts.input.url, policy);
  if (!checked.ok) return fail(checked.code);
  const activities = [...new Set(opts.input.activities)];
  return opts.orgDb.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({
      where: { id: opts.endpointId },
      select: { id: true, url: true, description: true, activities: true },
    });
    if (!before) return fail("NOT_FOUND");
    await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: { url: checked.url, description: opts.input.description, activities, updatedAt: new Date(opts.nowMs ?? Date.now()) },
    });
    const changed = Object.fromEntries(
      (
        [
          ["url", before.url, checked.url],
          ["description", before.description, opts.input.description],
          ["activities", before.activities, activities],
        ] as const
      )
        .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))
        .map(([k, a, b]) => [k, { from: a, to: b }]),
    );
    await recordEndpointEvent(tx, { ...opts, activity: "WEBHOOK_UPDATED", endpoint: { id: before.id, url: checked.url }, detail: { changed } });
    return { ok: true as const };
  });
}
