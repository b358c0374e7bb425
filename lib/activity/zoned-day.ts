// The history's date range is picked as calendar days in the viewer's time zone (SPEC V2): "from
// 2026-03-01 to 2026-03-01" in Europe/Paris means 23:00 UTC the day before up to 23:00 UTC that day.
// The zone travels in the URL (tz=…), so a shared link shows the sharer's exact range.
// Intl does the zone arithmetic, so daylight-saving days (23 or 25 hours long) come out right.

export const DEFAULT_TIME_ZONE = "UTC";

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instantMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wallMs = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wallMs - Math.floor(instantMs / 1000) * 1000;
}

/** The instant a calendar day ("2026-03-01") starts in a time zone. */
export function startOfZonedDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wallMs = Date.UTC(y, m - 1, d);
  // First guess with the offset at UTC midnight, then correct once for a DST change in between.
  let instant = wallMs - zoneOffsetMs(wallMs, timeZone);
  instant = wallMs - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/** The instant the day after `day` starts: the exclusive end of a range that includes `day`. */
export function endOfZonedDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfZonedDay(next, timeZone);
}
