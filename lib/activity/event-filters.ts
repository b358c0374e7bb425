// Identity Verification History filters (SPEC V2) as one zod schema, parsed from the URL so a
// filtered view is shareable, and the Prisma where-clause they mean. The page, the CSV export and
// the tests all go through eventFiltersWhere, so the export is exactly the filtered view (V3).
import { z } from "zod";
import type { Prisma } from "@db/generated";
import { ActivityKind, EventStatus, VerificationMethod } from "@db/generated";
import { DEFAULT_TIME_ZONE, endOfZonedDay, isTimeZone, startOfZonedDay } from "./zoned-day";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

export const eventFiltersSchema = z.object({
  user: z.preprocess(blankToUndefined, z.uuid().optional()),
  activity: z.preprocess(blankToUndefined, z.enum(ActivityKind).optional()),
  method: z.preprocess(blankToUndefined, z.enum(VerificationMethod).optional()),
  status: z.preprocess(blankToUndefined, z.enum(EventStatus).optional()),
  /** Calendar days, inclusive at both ends, in the time zone `tz`. */
  from: z.preprocess(blankToUndefined, day.optional()),
  to: z.preprocess(blankToUndefined, day.optional()),
  tz: z.preprocess(blankToUndefined, z.string().max(64).refine(isTimeZone).optional()),
});
export type EventFilters = z.infer<typeof eventFiltersSchema>;
export const EVENT_FILTER_KEYS = ["user", "activity", "method", "status", "from", "to", "tz"] as const;

/** Unknown or malformed parameters are dropped, not errors: a stale shared link still opens. */
export function parseEventFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): EventFilters {
  const pick = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return typeof v === "string" ? v : undefined;
  };
  const out: EventFilters = {};
  for (const key of EVENT_FILTER_KEYS) {
    const one = eventFiltersSchema.shape[key].safeParse(pick(key));
    if (one.success && one.data !== undefined) Object.assign(out, { [key]: one.data });
  }
  return out;
}

/** The filters as a query string (no leading "?"), for links that keep them. */
export function eventFiltersQuery(filters: EventFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of EVENT_FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

/** True when a date range or any other filter is set (the time zone alone filters nothing). */
export function hasEventFilters(filters: EventFilters): boolean {
  return EVENT_FILTER_KEYS.some((k) => k !== "tz" && filters[k] !== undefined);
}

export function eventFiltersWhere(filters: EventFilters): Prisma.VerificationEventWhereInput {
  const tz = filters.tz ?? DEFAULT_TIME_ZONE;
  const where: Prisma.VerificationEventWhereInput = {};
  if (filters.user) where.userId = filters.user;
  if (filters.activity) where.activity = filters.activity;
  if (filters.method) where.method = filters.method;
  if (filters.status) where.status = filters.status;
  if (filters.from || filters.to) {
    where.occurredAt = {
      ...(filters.from ? { gte: startOfZonedDay(filters.from, tz) } : {}),
      ...(filters.to ? { lt: endOfZonedDay(filters.to, tz) } : {}),
    };
  }
  return where;
}
