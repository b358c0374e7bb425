// Which operation of API_OPERATIONS a method and path name, and its path parameters — the table
// lib/http/node-api.ts serves from, built from the same list as app/api/v1's route files and the
// OpenAPI document. Only an exact match is served there; anything else (another method, a trailing
// slash, HEAD, an unknown path) is left to Next.js and its route files, which answer as before.
import type { ApiOperation } from "./api-operation";
import { API_BASE_PATH } from "./handle-api-call";

export interface ApiRouteMatch {
  op: ApiOperation;
  params: Record<string, string>;
}

/** A path segment: a literal, or the name of a parameter ("{id}" → "id"). */
type Segment = { literal: string } | { param: string };

export function apiRouter(operations: ApiOperation[]): (method: string, pathname: string) => ApiRouteMatch | null {
  const routes = operations.map((op) => ({
    op,
    segments: op.path
      .split("/")
      .slice(1)
      .map((s): Segment => (s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s })),
  }));
  // A literal segment wins over a parameter, as in Next's router: PUT /users/mfa/reset is the bulk
  // reset, never a user whose id is "mfa".
  const literals = (r: (typeof routes)[number]) => r.segments.filter((s) => "literal" in s).length;
  routes.sort((a, b) => literals(b) - literals(a));

  return (method, pathname) => {
    if (!pathname.startsWith(`${API_BASE_PATH}/`)) return null;
    const parts = pathname.slice(API_BASE_PATH.length + 1).split("/");
    for (const route of routes) {
      if (route.op.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length && matched; i++) {
        const segment = route.segments[i]!;
        const part = parts[i]!;
        if ("literal" in segment) matched = segment.literal === part;
        else if (part === "") matched = false;
        else {
          const value = decoded(part);
          if (value === null) return null; // Not UTF-8 percent-encoding: the edge refuses such paths before this.
          params[segment.param] = value;
        }
      }
      if (matched) return { op: route.op, params };
    }
    return null;
  };
}

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
