import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAction, requireHighAssurance } from "@/lib/next/guards";
import { idSchema } from "@/lib/api/schemas";
import { ACTIVITY_LABELS } from "@/lib/activity/kinds";
import { WEBHOOK_ACTIVITIES } from "@/lib/webhooks/webhook-schemas";
import { getWebhookEndpoint } from "@/lib/webhooks/list-endpoints";
import { WebhookEndpointForm } from "@/components/console/webhook-endpoint-form";
import { updateWebhookAction } from "../../actions";

export const metadata: Metadata = { title: "Edit webhook endpoint" };

export default async function EditWebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  await requireAction("webhooks.update");
  const current = await requireHighAssurance(`/setup/webhooks/${id.data}/edit`);
  const endpoint = await getWebhookEndpoint(current.orgDb, id.data);
  if (!endpoint) notFound();
  return (
    <main className="mx-auto max-w-2xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        Setup <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href="/setup/webhooks" className="hover:underline">
          Webhooks
        </Link>{" "}
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href={`/setup/webhooks/${endpoint.id}`} className="hover:underline">
          Endpoint
        </Link>{" "}
        <span aria-hidden>›</span> Edit
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">Edit webhook endpoint</h1>
        <WebhookEndpointForm
          action={updateWebhookAction}
          endpointId={endpoint.id}
          initial={{ url: endpoint.url, description: endpoint.description, activities: endpoint.activities }}
          activityChoices={WEBHOOK_ACTIVITIES.map((a) => ({ value: a, label: ACTIVITY_LABELS[a] }))}
        />
      </section>
    </main>
  );
}
