// Every REST call, in the same order (STYLE habit 1): the token (401) → the per-token throttle
// (429, counted by the token lookup's own statement) → the policy (403: scopes ∩ the acting user's permissions) → zod on the path, the query
// and the JSON body (400, unknown fields refused) → one lib verb → its answer, or the Failure as
// problem+json. Every call of a known token is one API_CALL event, whatever its outcome; the
// verb writes its own event, with the token as actor, in its own transaction.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { forOrg } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { authenticateApiToken, bearerToken, type ApiCaller } from "@/lib/api-tokens/authenticate-api-token";
import { RATE_LIMITS } from "@/lib/security/rate-limits";
import { permits } from "@/lib/policy/actions";
import { fail, ERRORS, type ErrorCode, type Failure } from "@/lib/errors";
import { fieldErrors, problemReply, replyToResponse, type ApiReply, type FieldError } from "./problem";
import type { ApiOperation, ApiOutcome } from "./api-operation";

export const API_BASE_PATH = "/api/v1";

/**
 * The part of an HTTP request a call reads. A web Request is one (Next's route handlers, tests);
 * lib/http/node-api.ts makes one from a Node request without building a Request.
 */
export interface ApiHttpRequest {
  /** Absolute, or the path and query as sent. */
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface ApiRequest {
  request: ApiHttpRequest;
  /** Path parameters as the router matched them. */
  params: Record<string, string | string[] | undefined>;
  context: RequestContext;
  nowMs?: number;
}

export async function handleApiCall(db: Db, op: ApiOperation, req: ApiRequest): Promise<Response> {
  return replyToResponse(await handleApiExchange(db, op, req));
}

export async function handleApiExchange(db: Db, op: ApiOperation, req: ApiRequest): Promise<ApiReply> {
  const nowMs = req.nowMs ?? Date.now();
  const auth = await authenticateApiToken(db, { presented: bearerToken(req.request.headers.get("authorization")), nowMs });
  if (!auth.ok) return problemReply(auth);
  const { caller, limit } = auth;
  const orgDb = forOrg(db, caller.orgId);

  const rateHeaders = rateLimitHeaders(limit.ok ? limit.remaining : 0, limit.ok ? limit.resetAt : limit.retryAt, nowMs);
  const answer = async (outcome: ApiOutcome, errors?: FieldError[]): Promise<ApiReply> => {
    const status = "ok" in outcome ? ERRORS[outcome.code].status : outcome.status;
    await recordApiCall(orgDb, { caller, op, status, code: "ok" in outcome ? outcome.code : null, context: req.context, nowMs });
    if ("ok" in outcome) return problemReply(outcome, { errors, headers: rateHeaders, nowMs });
    return {
      status: outcome.status,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...rateHeaders, ...outcome.headers },
      body: outcome.status === 204 ? null : JSON.stringify(outcome.body),
    };
  };
  if (!limit.ok) return answer(fail("RATE_LIMITED", { retryAt: limit.retryAt }));
  if (op.action && !permits(caller.permissions, op.action)) return answer(fail("FORBIDDEN"));

  const parsed = await parseRequest(op, req);
  if ("failure" in parsed) return answer(parsed.failure, parsed.errors);
  const actor = { id: caller.actingUser.id, label: `API token “${caller.tokenName}”` };
  const outcome = await op.run({ db, orgDb, caller, actor, ...parsed, context: req.context, nowMs } as Parameters<typeof op.run>[0]);
  return answer(outcome);
}

type Parsed = { params: unknown; query: unknown; body: unknown } | { failure: Failure; errors?: FieldError[] };

async function parseRequest(op: ApiOperation, req: ApiRequest): Promise<Parsed> {
  const invalid = (where: "body" | "query" | "path", error: z.ZodError): Parsed => ({ failure: fail("INVALID_INPUT"), errors: fieldErrors(where, error) });
  const params = op.params ? op.params.strict().safeParse(req.params) : { success: true as const, data: {} };
  if (!params.success) return invalid("path", params.error);
  const searchParams = queryOf(req.request.url);
  const repeated = [...new Set([...searchParams.keys()].filter((k) => searchParams.getAll(k).length > 1))];
  if (repeated.length) return { failure: fail("INVALID_INPUT"), errors: repeated.map((k) => ({ field: `query.${k}`, message: "Give this parameter once." })) };
  // Without query parameters of its own an operation refuses any (strict): a typo never passes unnoticed.
  const query = (op.query ?? z.object({})).strict().safeParse(Object.fromEntries(searchParams));
  if (!query.success) return invalid("query", query.error);
  if (!op.body) return { params: params.data, query: query.data, body: undefined };
  const mediaType = (req.request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") return { failure: fail("UNSUPPORTED_MEDIA_TYPE") };
  let json: unknown;
  try {
    json = JSON.parse(await req.request.text());
  } catch {
    return { failure: fail("INVALID_JSON") };
  }
  const body = op.body.strict().safeParse(json);
  if (!body.success) return invalid("body", body.error);
  return { params: params.data, query: query.data, body: body.data };
}

/** The query string of an absolute URL or of a request target ("/api/v1/users?q=son"), as URLSearchParams reads it. */
function queryOf(url: string): URLSearchParams {
  const end = url.indexOf("#");
  const target = end < 0 ? url : url.slice(0, end);
  const start = target.indexOf("?");
  return new URLSearchParams(start < 0 ? "" : target.slice(start + 1));
}

/** The IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers): the quota, what is left, when it resets. */
function rateLimitHeaders(remaining: number, resetAt: Date, nowMs: number): Record<string, string> {
  const spec = RATE_LIMITS.API_CALLS_PER_TOKEN;
  const resetSeconds = Math.max(0, Math.ceil((resetAt.getTime() - nowMs) / 1000));
  return { "RateLimit-Policy": `"per-token";q=${spec.maxHits};w=${spec.windowSeconds}`, RateLimit: `"per-token";r=${remaining};t=${resetSeconds}` };
}

/** SPEC P4: every call is an event of the token's org: route, status, the token by name. */
async function recordApiCall(
  orgDb: ReturnType<typeof forOrg>,
  opts: { caller: ApiCaller; op: ApiOperation; status: number; code: ErrorCode | null; context: RequestContext; nowMs: number },
): Promise<void> {
  await recordEvent(orgDb, {
    orgId: opts.caller.orgId,
    userId: opts.caller.actingUser.id,
    username: opts.caller.actingUser.username,
    actorId: opts.caller.actingUser.id,
    actorLabel: `API token “${opts.caller.tokenName}”`,
    activity: "API_CALL",
    method: "API_TOKEN",
    status: opts.status < 400 ? "SUCCEEDED" : "FAILED",
    reason: opts.code,
    context: opts.context,
    detail: {
      operation: opts.op.operationId,
      route: `${opts.op.method} ${API_BASE_PATH}${opts.op.path}`,
      status: opts.status,
      via: { id: opts.caller.tokenId, name: opts.caller.tokenName },
    },
  });
}
