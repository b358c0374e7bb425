// The glue of app/api/v1/**/route.ts: each is `export const PUT = apiRoute(resetUserMfaOperation)`.
// The client address comes from the socket (scripts/server.mjs), like the console's.
import { getDb } from "@/lib/db/client";
import { contextFromHeaders } from "@/lib/next/request-context";
import { fail } from "@/lib/errors";
import { databaseUnavailable, isConnectionError } from "@/lib/db/availability";
import { handleApiCall } from "./handle-api-call";
import { problemReply, problemResponse, replyToResponse, type ApiReply } from "./problem";
import type { ApiOperation } from "./api-operation";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function apiRoute(op: ApiOperation) {
  return async (request: Request, route: RouteContext): Promise<Response> => {
    try {
      return await handleApiCall(await getDb(), op, { request, params: await route.params, context: contextFromHeaders(request.headers) });
    } catch (error) {
      const outage = outageReply(error);
      if (outage) return replyToResponse(outage);
      throw error;
    }
  };
}

/** A database outage is the one failure a client can wait out: 503 problem+json with Retry-After. Null for any other error. */
export function outageReply(error: unknown): ApiReply | null {
  return databaseUnavailable() || isConnectionError(error) ? problemReply(fail("SERVICE_UNAVAILABLE"), { headers: { "Retry-After": "5" } }) : null;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * The other methods of a route file: 405 as problem+json with `Allow`, not Next's empty 405.
 * `export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");`
 */
export function otherMethods(...allowed: Method[]): Record<Method, () => Response> {
  const refuse = () => problemResponse(fail("HTTP_METHOD_NOT_ALLOWED"), { headers: { Allow: allowed.join(", ") } });
  return Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, () => Response>;
}

/** Any other path under /api/v1: a problem, not the console's HTML 404 page. */
export function unknownApiRoute(): Response {
  return problemResponse(fail("NOT_FOUND"));
}
