// One verification event as support staff read it (SPEC V1): labels instead of codes, the browser
// instead of the raw user agent, the acting admin by name. Shared by the table, the detail view
// and the CSV export, so all three say the same thing.
import type { ActivityKind, EventStatus, Prisma, VerificationMethod } from "@db/generated";
import { describeUserAgent } from "@/lib/account/user-agent";
import { ACTIVITY_LABELS, METHOD_LABELS, STATUS_LABELS, failureReasonLabel } from "./kinds";
import { redactDetail } from "./redact-detail";

/** The columns every history query selects. */
export const EVENT_SELECT = {
  id: true,
  occurredAt: true,
  userId: true,
  username: true,
  actorId: true,
  actorLabel: true,
  activity: true,
  method: true,
  status: true,
  reason: true,
  ip: true,
  userAgent: true,
  detail: true,
  user: { select: { name: true, username: true } },
  actor: { select: { name: true, username: true } },
} satisfies Prisma.VerificationEventSelect;

export type EventRecord = Prisma.VerificationEventGetPayload<{ select: typeof EVENT_SELECT }>;

export interface EventRow {
  id: string;
  occurredAt: Date;
  userId: string | null;
  /** The user's name, or what was typed at login when no user matched. */
  userName: string | null;
  username: string | null;
  activity: ActivityKind;
  activityLabel: string;
  method: VerificationMethod | null;
  methodLabel: string | null;
  status: EventStatus;
  statusLabel: string;
  reason: string | null;
  reasonLabel: string | null;
  ip: string | null;
  browser: string | null;
  userAgent: string | null;
  actorId: string | null;
  /** The acting admin's name, or a label such as "operator (CLI)"; null when the user acted. */
  actorName: string | null;
  detail: Prisma.JsonValue | null;
}

export function toEventRow(e: EventRecord): EventRow {
  return {
    id: e.id.toString(),
    occurredAt: e.occurredAt,
    userId: e.userId,
    userName: e.user?.name ?? null,
    username: e.user?.username ?? e.username,
    activity: e.activity,
    activityLabel: ACTIVITY_LABELS[e.activity],
    method: e.method,
    methodLabel: e.method ? METHOD_LABELS[e.method] : null,
    status: e.status,
    statusLabel: STATUS_LABELS[e.status],
    reason: e.reason,
    reasonLabel: failureReasonLabel(e.reason),
    ip: e.ip,
    browser: e.userAgent ? describeUserAgent(e.userAgent) : null,
    userAgent: e.userAgent,
    actorId: e.actorId,
    // "Acme Integration via API token “CI sync”": the user a token acts as, and the token.
    actorName: e.actor && e.actorLabel ? `${e.actor.name} via ${e.actorLabel}` : (e.actor?.name ?? e.actorLabel),
    detail: redactDetail(e.detail),
  };
}
