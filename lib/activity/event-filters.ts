// Identity Verification History filters (SPEC V2) as one zod schema, parsed from the URL so a
// filtered view is shareable, and the Prisma where-clause they mean. The page, the CSV export and
// the tests all go through eventFiltersWhere, so the export is exactly the filtered view (V3).
import { z } from "zod";
import type { Prisma } from "@db/generated";
import { ActivityKind, EventStatus, VerificationMethod } from "@db/generated";
import { DEFAULT_TIME_ZONE, endOfZonedDay, isTimeZone, startOfZonedDay } from "./zoned-day";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
// Bounded: a far date ("9999-12-31") has no next day in ISO form and would reach SQL as NaN.
export const FIRST_DAY = "2000-01-01";
export const LAST_DAY = "2099-12-31";
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "That date doesn't exist.")
  .refine((s) => s >= FIRST_DAY && s <= LAST_DAY, `Pick a date between ${FIRST_DAY} and ${LAST_DAY}.`);

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

type FilterParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** The filters, and a message for each parameter given but not valid. */
export function checkEventFilters(params: FilterParams): { filters: EventFilters; problems: Partial<Record<(typeof EVENT_FILTER_KEYS)[number], string>> } {
  const pick = (k: string) => (params instanceof URLSearchParams ? (params.getAll(k).length > 1 ? params.getAll(k) : (params.get(k) ?? undefined)) : params[k]);
  const filters: EventFilters = {};
  const problems: Partial<Record<(typeof EVENT_FILTER_KEYS)[number], string>> = {};
  for (const key of EVENT_FILTER_KEYS) {
    const raw = pick(key);
    const one = eventFiltersSchema.shape[key].safeParse(typeof raw === "string" ? raw : undefined);
    if (Array.isArray(raw)) problems[key] = "Give this filter once.";
    else if (!one.success) problems[key] = one.error.issues[0]?.message ?? "Not a valid value.";
    else if (one.data !== undefined) Object.assign(filters, { [key]: one.data });
  }
  return { filters, problems };
}

/**
 * For pages: unknown or malformed parameters are dropped (a stale shared link still opens, and
 * the page says which filter it ignored). The export refuses them instead (checkEventFilters).
 */
export function parseEventFilters(params: FilterParams): EventFilters {
  return checkEventFilters(params).filters;
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
