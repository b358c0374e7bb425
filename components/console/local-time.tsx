"use client";
// Times render in the viewer's time zone; the exact UTC instant is on hover. The server renders in
// the zone the browser reported (components/console/viewer-time-zone.tsx), so the first byte is
// already right; the browser renders in its own, which differs only before its first report.
// `withZone` labels the zone where a bare time would be ambiguous ("Try again after 09:05 CET").
import { useSyncExternalStore } from "react";
import { useViewerTimeZone } from "./viewer-time-zone";

const subscribe = () => () => {};

export function LocalTime({ iso, format = "datetime", withZone = false }: { iso: string; format?: "time" | "date" | "datetime"; withZone?: boolean }) {
  const date = new Date(iso);
  const serverZone = useViewerTimeZone();
  const text = useSyncExternalStore(
    subscribe,
    () => render(date, format, undefined, withZone),
    () => render(date, format, serverZone, withZone),
  );
  return (
    <time dateTime={iso} title={`${date.toISOString().replace("T", " ").slice(0, 19)} UTC`}>
      {text}
    </time>
  );
}

// One formatter per (format, zone), made once: building an Intl.DateTimeFormat costs far more than
// using one, and a history page renders hundreds of times (13.6% of its server CPU, issue 11).
const formatters = new Map<string, Intl.DateTimeFormat>();

function render(date: Date, format: "time" | "date" | "datetime", timeZone: string | undefined, withZone = false): string {
  const key = `${format}|${timeZone ?? ""}|${withZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const zoneName = withZone ? ({ timeZoneName: "short" } as const) : {};
    // dateStyle/timeStyle can't be combined with timeZoneName: the same fields, spelled out.
    const options: Intl.DateTimeFormatOptions =
      format === "time"
        ? { hour: "2-digit", minute: "2-digit", hour12: false, timeZone, ...zoneName }
        : format === "date"
          ? { dateStyle: "medium", timeZone }
          : withZone
            ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone, ...zoneName }
            : { dateStyle: "medium", timeStyle: "short", timeZone };
    formatters.set(key, (formatter = new Intl.DateTimeFormat("en-GB", options)));
  }
  return formatter.format(date);
}
