// REST API calls for integration tests: real Request objects through the same pipeline the route
// handlers use (lib/http/handle-api-call.ts), on a real Postgres — and every answer checked against
// the OpenAPI document (the contract): status documented, body valid against its schema.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import type { Permission } from "@db/generated";
import type { Db } from "@/lib/db/client";
import type { ApiOperation } from "@/lib/http/api-operation";
import { API_BASE_PATH, handleApiCall } from "@/lib/http/handle-api-call";
import { PROBLEM_CONTENT_TYPE } from "@/lib/http/problem";
import { buildOpenApiDocument } from "@/lib/api/v1/openapi";
import { newApiToken } from "@/lib/api-tokens/token-format";
import { ctx } from "./demo";

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A token of the acting user's org, made directly (Setup's own path is tested apart). */
export async function makeToken(
  db: Db,
  opts: { actingUsername: string; scopes?: Permission[]; expiresAt?: Date | null; revoked?: boolean; name?: string },
): Promise<{ token: string; id: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { username: opts.actingUsername } });
  const { token, tokenHash, prefix } = newApiToken();
  const row = await db.apiToken.create({
    data: {
      orgId: user.orgId,
      name: opts.name ?? "Test token",
      prefix,
      tokenHash,
      permissions: opts.scopes ?? ["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"],
      actingUserId: user.id,
      expiresAt: opts.expiresAt ?? null,
      revokedAt: opts.revoked ? new Date() : null,
    },
  });
  return { token, id: row.id };
}

/** The operation's path with its parameters filled in. */
export function pathOf(op: ApiOperation, params: Record<string, string> = {}): string {
  // A lone surrogate has no URL form (the edge refuses such paths); the router's params carry it.
  const encode = (v: string) => (v.isWellFormed() ? encodeURIComponent(v) : "%EF%BF%BD");
  return API_BASE_PATH + op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(params[name] ?? ""));
}

export async function callApi(
  db: Db,
  op: ApiOperation,
  opts: {
    token?: string;
    params?: Record<string, string>;
    query?: Record<string, string> | string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    nowMs?: number;
  },
): Promise<ApiAnswer> {
  const qs = typeof opts.query === "string" ? opts.query : new URLSearchParams(opts.query ?? {}).toString();
  const headers: Record<string, string> = { ...(opts.token !== undefined ? { Authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
  if (hasBody) headers["Content-Type"] ??= "application/json";
  const request = new Request(`http://localhost${pathOf(op, opts.params)}${qs ? `?${qs}` : ""}`, {
    method: op.method,
    headers,
    body: hasBody ? (opts.rawBody ?? JSON.stringify(opts.body)) : undefined,
  });
  const response = await handleApiCall(db, op, { request, params: opts.params ?? {}, context: ctx, nowMs: opts.nowMs });
  const text = await response.text();
  const answer = { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  expectContract(op, answer);
  return answer;
}

let validator: { ajv: InstanceType<typeof Ajv2020>; doc: ReturnType<typeof buildOpenApiDocument> } | undefined;

/** The answer is one the OpenAPI document promises for this operation, body and all. */
export function expectContract(op: ApiOperation, answer: ApiAnswer): void {
  if (!validator) {
    const doc = buildOpenApiDocument();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...doc, $id: "api" });
    validator = { ajv, doc };
  }
  const pointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
  const operation = validator.doc.paths?.[API_BASE_PATH + op.path]?.[op.method.toLowerCase() as "get"];
  const documented = operation?.responses?.[String(answer.status)];
  expect(documented, `${op.operationId} answered ${answer.status}, which its documentation does not list`).toBeDefined();
  if (answer.status === 204) return;
  const type = answer.status >= 400 ? PROBLEM_CONTENT_TYPE : "application/json";
  expect(answer.headers.get("content-type")).toBe(type);
  const ref = `api#/paths/${pointer(API_BASE_PATH + op.path)}/${op.method.toLowerCase()}/responses/${answer.status}/content/${pointer(type)}/schema`;
  const validate = validator.ajv.getSchema(ref) ?? validator.ajv.compile({ $ref: ref });
  const valid = validate(answer.body);
  expect(valid, `${op.operationId} ${answer.status}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(true);
}
