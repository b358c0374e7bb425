"use client";
// The viewer's IANA time zone, sent with the filters so "from"/"to" days mean the viewer's days.
// The server render has no zone to offer, so it keeps the one from the URL (or UTC).
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function TimeZoneField({ fallback }: { fallback: string }) {
  const tz = useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || fallback,
    () => fallback,
  );
  return (
    <>
      <input type="hidden" name="tz" value={tz} />
      <p className="text-xs text-slate-500">Dates are days in {tz}.</p>
    </>
  );
}
