"use client";
// The zone the server renders times in (lib/next/viewer-time-zone.ts), and the browser's report of
// its own zone: a cookie set once, and again only when the browser's zone changes (travel).
import { createContext, useContext, useEffect } from "react";

const TIME_ZONE_COOKIE = "mfa_tz"; // lib/next/viewer-time-zone.ts reads it
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const ViewerTimeZone = createContext("UTC");

export function useViewerTimeZone(): string {
  return useContext(ViewerTimeZone);
}

export function ViewerTimeZoneProvider({ zone, children }: { zone: string; children: React.ReactNode }) {
  useEffect(() => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (own && own !== zone) document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(own)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
  }, [zone]);
  return <ViewerTimeZone.Provider value={zone}>{children}</ViewerTimeZone.Provider>;
}
