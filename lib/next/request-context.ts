// The caller's IP and user agent, for sessions and verification events.
import { headers } from "next/headers";
import { config } from "@/lib/config";
import type { RequestContext } from "@/lib/activity/record-event";

export function contextFromHeaders(h: Headers): RequestContext {
  // X-Forwarded-For is client-controlled unless a proxy we trust overwrites it.
  const forwarded = config.trustProxy ? h.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  const ip = forwarded || h.get("x-real-ip") || h.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
  return { ip, userAgent: h.get("user-agent") };
}

export async function getRequestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}
