// REST API v1 answered from the Node request itself, in front of Next.js (scripts/server.mjs):
// the same operations and the same handleApiExchange as app/api/v1's route files, without Next's
// router, its web Request/Response and its response streams — at concurrency 16 these were more
// than half of a read call's CPU (bench/api.ts; docs/decisions/020-api-beside-next.md).
// instrumentation.ts registers it; `next dev`, which has no custom server, serves the route files.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb, type Db } from "@/lib/db/client";
import { API_OPERATIONS } from "@/lib/api/v1/operations";
import { contextFromHeaders } from "@/lib/next/request-context";
import { apiRouter, type ApiRouteMatch } from "./api-router";
import { handleApiExchange, type ApiHttpRequest } from "./handle-api-call";
import { outageReply } from "./api-route";
import { SECURITY_HEADERS } from "./security-headers";
import { PROBLEM_CONTENT_TYPE, type ApiReply } from "./problem";

/** Where scripts/server.mjs finds it: the server is plain JavaScript outside Next's bundle. */
export const API_FAST_PATH = Symbol.for("mfa-console.api-fast-path");

export interface ApiFastPath {
  /** The operation a request names, or null: then Next.js answers it (405s, 404s, the OpenAPI document, HEAD). */
  match(method: string, url: string): ApiRouteMatch | null;
  /** Whether the server must read the body first (at most MAX_BODY_BYTES, as for every request). */
  takesBody(match: ApiRouteMatch): boolean;
  serve(match: ApiRouteMatch, req: IncomingMessage, body: Buffer | null, res: ServerResponse): Promise<void>;
}

/** `database`: the process's client (tests pass their own). */
export function createApiFastPath(opts: { database?: () => Promise<Db> } = {}): ApiFastPath {
  const database = opts.database ?? getDb;
  const route = apiRouter(API_OPERATIONS);
  // As a web Request's text(): UTF-8, a byte-order mark dropped, bad bytes replaced.
  const utf8 = new TextDecoder();
  return {
    match(method, url) {
      const end = url.search(/[?#]/);
      return route(method, end < 0 ? url : url.slice(0, end));
    },
    takesBody: (match) => Boolean(match.op.body),
    async serve(match, req, body, res) {
      let reply: ApiReply;
      try {
        const request: ApiHttpRequest = { url: req.url ?? "/", headers: nodeHeaders(req), text: async () => (body ? utf8.decode(body) : "") };
        reply = await handleApiExchange(await database(), match.op, { request, params: match.params, context: contextFromHeaders(request.headers) });
      } catch (error) {
        reply = outageReply(error) ?? internalError(match, error);
      }
      const payload = reply.body === null ? null : Buffer.from(reply.body);
      res.writeHead(reply.status, { ...SECURITY_HEADERS, ...reply.headers, "Content-Length": String(payload?.length ?? 0) });
      res.end(payload ?? undefined);
    },
  };
}

/** Headers.get over Node's lower-cased header object; repeated headers joined as Headers joins them. */
function nodeHeaders(req: IncomingMessage): ApiHttpRequest["headers"] {
  return {
    get(name) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** A bug, not the client's fault: logged with the operation (never the body, which may hold a reason or a code), and a bare 500 problem. */
function internalError(match: ApiRouteMatch, error: unknown): ApiReply {
  console.error(`[api] ${match.op.method} ${match.op.path} failed:`, error);
  return {
    status: 500,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store" },
    body: JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500, detail: "Something went wrong on our side. Try again." }),
  };
}
