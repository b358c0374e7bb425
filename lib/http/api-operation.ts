// One REST operation, described once (SPEC P2, P3): its route, the policy action it is
// (lib/policy/actions.ts), the zod schemas of its path, query and body — which both validate the
// request and generate the OpenAPI document (lib/api/v1/openapi.ts) — its responses, and `run`,
// which calls one lib verb. Route handlers under app/api/v1 are `apiRoute(operation)`.
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { OrgDb } from "@/lib/db/tenant";
import type { RequestContext } from "@/lib/activity/record-event";
import type { Action } from "@/lib/policy/actions";
import type { ApiCaller } from "@/lib/api-tokens/authenticate-api-token";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";
import type { ErrorCode, Failure } from "@/lib/errors";

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ApiCallContext<P, Q, B> {
  db: Db;
  /** The token's org only (T1). */
  orgDb: OrgDb;
  caller: ApiCaller;
  /** For lib verbs: the acting user, labelled with the token (shown as "… via API token …"). */
  actor: AdminActor & { id: string };
  params: P;
  query: Q;
  body: B;
  context: RequestContext;
  nowMs: number;
}

export type ApiOutcome = { status: number; body: unknown; headers?: Record<string, string> } | Failure;

export interface ApiOperation<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends AnyObject = AnyObject> {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** OpenAPI form, under /api/v1: "/users/{id}/mfa/reset". */
  path: string;
  tag: "user" | "events" | "webhooks" | "token";
  summary: string;
  description?: string;
  /** The policy action; null: any valid token (e.g. GET /me). */
  action: Action | null;
  params?: P;
  query?: Q;
  body?: B;
  /** The seed's "Example Value": what Swagger UI loads into the body. */
  bodyExample?: z.input<B>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** The failures this operation can answer besides the common ones, for its documentation. */
  failures?: ErrorCode[];
  run(ctx: ApiCallContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<ApiOutcome>;
}

export function defineOperation<P extends AnyObject, Q extends AnyObject, B extends AnyObject>(op: ApiOperation<P, Q, B>): ApiOperation<P, Q, B> {
  return op;
}

/** A 2xx answer. */
export function ok(body: unknown, status = 200, headers?: Record<string, string>): ApiOutcome {
  return { status, body, headers };
}
