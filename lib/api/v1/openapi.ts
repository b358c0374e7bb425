// OpenAPI 3.1 of REST API v1 (SPEC P3), generated from the operations — the same zod schemas
// that validate each request — with the bearer scheme, an example body for each operation (what
// Swagger UI's "Example Value" loads) and every error answer as a Problem.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";

import { ERRORS, type ErrorCode } from "@/lib/errors";
import { problemSchema, PROBLEM_CONTENT_TYPE } from "@/lib/http/problem";
import { API_BASE_PATH } from "@/lib/http/handle-api-call";
import type { ApiOperation } from "@/lib/http/api-operation";
import { RATE_LIMITS } from "@/lib/security/rate-limits";
import { config } from "@/lib/config";
import { API_OPERATIONS } from "./operations";

/** What any operation can answer, besides its own failures. */
const COMMON_FAILURES: ErrorCode[] = ["INVALID_INPUT", "API_TOKEN_INVALID", "FORBIDDEN", "RATE_LIMITED"];

const TAGS = [
  { name: "user", description: "Users and their verification methods: the MFA rescue of Setup > Users." },
  { name: "events", description: "The Identity Verification History." },
  { name: "webhooks", description: "Endpoints that receive every verification event as it happens, signed per Standard Webhooks (Setup > Webhooks)." },
  { name: "token", description: "The calling API token." },
];

function problemsOf(op: ApiOperation) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...COMMON_FAILURES, ...(op.body ? (["INVALID_JSON", "UNSUPPORTED_MEDIA_TYPE"] as ErrorCode[]) : []), ...(op.failures ?? [])]) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      { description: codes.map((c) => `\`${c}\`: ${ERRORS[c].message}`).join(" "), content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } },
    ]),
  );
}

function operationObject(op: ApiOperation): ZodOpenApiOperationObject {
  const responses = Object.fromEntries(
    Object.entries(op.responses).map(([status, r]) => [
      status,
      r.schema ? { description: r.description, content: { "application/json": { schema: r.schema } } } : { description: r.description },
    ]),
  );
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    security: [{ bearer: [] }],
    requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}) },
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body, example: op.bodyExample } } } } : {}),
    responses: { ...responses, ...problemsOf(op) },
  };
}

export function buildOpenApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of API_OPERATIONS) {
    const key = `${API_BASE_PATH}${op.path}`;
    paths[key] = { ...paths[key], [op.method.toLowerCase()]: operationObject(op) };
  }
  const perMinute = RATE_LIMITS.API_CALLS_PER_TOKEN;
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: `${config.productName} API`,
      version: "1.0.0",
      description:
        "Automate Setup > Users: reset MFA, issue and expire temporary verification codes, disconnect methods, unlock, end sessions, read the history. " +
        "Create a token in Setup > API Tokens and send it as `Authorization: Bearer mfac_…`. API calls are never asked for MFA or a step-up. " +
        `Every call is an event in the history; each token may make ${perMinute.maxHits} calls per ${perMinute.windowSeconds} seconds. ` +
        "Errors are RFC 9457 problem details with a stable `code`.",
    },
    servers: [{ url: "/", description: "This console" }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "mfac_…", description: "An API token from Setup > API Tokens." } },
      schemas: { Problem: problemSchema },
    },
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
