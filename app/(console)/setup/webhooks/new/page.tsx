import type { Metadata } from "next";
import Link from "next/link";
import { requireAction, requireHighAssurance } from "@/lib/next/guards";
import { ACTIVITY_LABELS } from "@/lib/activity/kinds";
import { WEBHOOK_ACTIVITIES } from "@/lib/webhooks/webhook-schemas";
import { WebhookEndpointForm } from "@/components/console/webhook-endpoint-form";
import { createWebhookAction } from "../actions";

export const metadata: Metadata = { title: "Add webhook endpoint" };

export default async function NewWebhookPage() {
  await requireAction("webhooks.create");
  await requireHighAssurance("/setup/webhooks/new");
  return (
    <main className="mx-auto max-w-2xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        Setup <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href="/setup/webhooks" className="hover:underline">
          Webhooks
        </Link>{" "}
        <span aria-hidden>›</span> Add endpoint
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">Add webhook endpoint</h1>
        <WebhookEndpointForm action={createWebhookAction} activityChoices={WEBHOOK_ACTIVITIES.map((a) => ({ value: a, label: ACTIVITY_LABELS[a] }))} />
      </section>
    </main>
  );
}
