// Setup > Webhooks: the org's endpoints with their state and health (B8) — the share of the last
// 24 hours' deliveries that arrived, among those tried at least once (tests left out) — and never
// a secret.
import type { OrgDb } from "@/lib/db/tenant";
import type { WebhookPauseReason } from "@db/generated";

export const HEALTH_WINDOW_HOURS = 24;

export type EndpointState = "active" | "failing" | WebhookPauseReason;

const ENDPOINT_SELECT = {
  id: true,
  url: true,
  description: true,
  activities: true,
  isActive: true,
  pausedReason: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function listWebhookEndpoints(orgDb: OrgDb, opts: { nowMs?: number } = {}) {
  const nowMs = opts.nowMs ?? Date.now();
  const endpoints = await orgDb.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: ENDPOINT_SELECT });
  const since = new Date(nowMs - HEALTH_WINDOW_HOURS * 3_600_000);
  const tried = await orgDb.webhookDelivery.groupBy({
    by: ["endpointId", "status"],
    where: { createdAt: { gte: since }, attempts: { gt: 0 }, eventId: { not: null } },
    _count: { _all: true },
  });
  return endpoints.map((e) => {
    const mine = tried.filter((t) => t.endpointId === e.id);
    const total = mine.reduce((n, t) => n + t._count._all, 0);
    const delivered = mine.find((t) => t.status === "DELIVERED")?._count._all ?? 0;
    return { ...e, state: stateOf(e), health: { tried: total, delivered, share: total ? delivered / total : null } };
  });
}

export async function getWebhookEndpoint(orgDb: OrgDb, endpointId: string, opts: { nowMs?: number } = {}) {
  const all = await listWebhookEndpoints(orgDb, opts);
  return all.find((e) => e.id === endpointId) ?? null;
}

function stateOf(e: { isActive: boolean; pausedReason: WebhookPauseReason | null; failingSince: Date | null }): EndpointState {
  if (!e.isActive) return e.pausedReason ?? "ADMIN";
  return e.failingSince ? "failing" : "active";
}

export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];
