"use client";
// Times render in the viewer's time zone; the exact UTC instant is on hover.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function LocalTime({ iso, format = "datetime" }: { iso: string; format?: "time" | "datetime" }) {
  const date = new Date(iso);
  // Server render uses UTC; the browser re-renders in its own zone.
  const text = useSyncExternalStore(
    subscribe,
    () => render(date, format, undefined),
    () => render(date, format, "UTC"),
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

function render(date: Date, format: "time" | "datetime", timeZone: string | undefined): string {
  const key = `${format}|${timeZone ?? ""}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions =
      format === "time" ? { hour: "2-digit", minute: "2-digit", hour12: false, timeZone } : { dateStyle: "medium", timeStyle: "short", timeZone };
    formatters.set(key, (formatter = new Intl.DateTimeFormat("en-GB", options)));
  }
  return formatter.format(date);
}
