// The viewer's time zone for server-rendered times (issue 12, Times): the browser tells it once in
// a cookie (components/console/viewer-time-zone.tsx), so later pages render in it from the first
// byte — not UTC first and local time after hydration ("High assurance until 09:05" that became
// 10:05). No cookie yet, or a zone this server doesn't know: UTC, corrected in the browser.
import { cookies } from "next/headers";
import { isTimeZone } from "@/lib/activity/zoned-day";

export const TIME_ZONE_COOKIE = "mfa_tz";
const MAX_ZONE_CHARS = 64; // IANA names are short; anything longer is not one

export async function viewerTimeZone(): Promise<string> {
  const zone = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return zone && zone.length <= MAX_ZONE_CHARS && isTimeZone(zone) ? zone : "UTC";
}
