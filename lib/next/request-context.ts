// The caller's IP and user agent, for sessions and verification events. scripts/server.mjs sets
// X-Forwarded-For to the socket address unless MFA_TRUST_PROXY=1, where the proxy's header is
// taken as is (its left-most entry is the client).
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/activity/record-event";

export function contextFromHeaders(h: { get(name: string): string | null }): RequestContext {
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  return { ip, userAgent: h.get("user-agent") };
}

export async function getRequestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}
