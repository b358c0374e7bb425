// REST: the Identity Verification History (SPEC P2, V1, V2): the same filters, keyset pages and
// labels as the console's, through the token's org-scoped client.
import { z } from "zod";
import { ActivityKind, EventStatus, VerificationMethod } from "@db/generated";
import { defineOperation, ok } from "@/lib/http/api-operation";
import { fail } from "@/lib/errors";
import { eventFiltersSchema } from "@/lib/activity/event-filters";
import { listEvents } from "@/lib/activity/list-events";
import { EVENT_ID_PATTERN, getEvent } from "@/lib/activity/get-event";
import type { EventRow } from "@/lib/activity/event-row";
import { decodeEventCursor } from "@/lib/activity/event-cursor";
import { cursorParam, isoDateTime, limitParam } from "./common";

export const eventSchema = z
  .object({
    id: z.string().meta({ example: "1024" }),
    occurredAt: isoDateTime,
    user: z.object({ id: z.uuid().nullable(), username: z.string().nullable(), name: z.string().nullable() }),
    activity: z.enum(ActivityKind),
    activityLabel: z.string().meta({ example: "MFA reset" }),
    method: z.enum(VerificationMethod).nullable(),
    status: z.enum(EventStatus),
    reason: z.string().nullable().meta({ description: "Why it failed, as a code." }),
    ip: z.string().nullable(),
    browser: z.string().nullable(),
    actor: z.string().nullable().meta({ description: "The acting admin, or e.g. “Acme Integration via API token …”; null when the user acted." }),
    detail: z.unknown().nullable(),
  })
  .meta({ id: "VerificationEvent" });

function event(row: EventRow): z.infer<typeof eventSchema> {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    user: { id: row.userId, username: row.username, name: row.userName },
    activity: row.activity,
    activityLabel: row.activityLabel,
    method: row.method,
    status: row.status,
    reason: row.reason,
    ip: row.ip,
    browser: row.browser,
    actor: row.actorName,
    detail: row.detail,
  };
}

const f = eventFiltersSchema.shape;

export const listEventsOperation = defineOperation({
  operationId: "listEvents",
  method: "GET",
  path: "/events",
  tag: "events",
  summary: "List verification events",
  description: "Newest first. `from`/`to` are calendar days (inclusive) in `tz` (default UTC). Follow `nextCursor` for older events.",
  action: "history.view",
  query: z.object({
    user: f.user.meta({ description: "A user id." }),
    activity: f.activity,
    method: f.method,
    status: f.status,
    from: f.from.meta({ description: "YYYY-MM-DD", example: "2026-11-01" }),
    to: f.to.meta({ description: "YYYY-MM-DD", example: "2026-11-30" }),
    tz: f.tz.meta({ description: "IANA time zone of the days", example: "Europe/Paris" }),
    cursor: cursorParam.refine((c) => c === undefined || decodeEventCursor(c) !== null, "Not a cursor of this API: pass nextCursor as given."),
    limit: limitParam,
  }),
  responses: { 200: { description: "A page of events.", schema: z.object({ data: z.array(eventSchema), nextCursor: z.string().nullable() }) } },
  async run({ orgDb, query }) {
    const { cursor, limit, ...filters } = query;
    const page = await listEvents(orgDb, { filters, older: cursor, pageSize: limit });
    return ok({ data: page.rows.map(event), nextCursor: page.older });
  },
});

export const getEventOperation = defineOperation({
  operationId: "getEvent",
  method: "GET",
  path: "/events/{id}",
  tag: "events",
  summary: "Get a verification event",
  action: "history.view",
  params: z.object({ id: z.string().regex(EVENT_ID_PATTERN, "Not a valid event id.").meta({ example: "1024" }) }),
  responses: { 200: { description: "The event.", schema: eventSchema } },
  failures: ["NOT_FOUND"],
  async run({ orgDb, params }) {
    const row = await getEvent(orgDb, { eventId: params.id });
    return row ? ok(event(row)) : fail("NOT_FOUND");
  },
});
