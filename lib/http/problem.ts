// The REST API's one error shape (SPEC P2): RFC 9457 application/problem+json, with the stable
// `code` of lib/errors.ts and its status — the same map the console turns into form messages.
import { z } from "zod";
import { ERRORS, errorMessage, type ErrorCode, type Failure } from "@/lib/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** A problem type is a URI; ours name the error code, documented in the OpenAPI document. */
export function problemType(code: ErrorCode): string {
  return `urn:mfa-console:problem:${code.toLowerCase().replace(/_/g, "-")}`;
}

export interface FieldError {
  /** Where the value was: "body", "query" or "path", then the field path, e.g. "body.userIds.3". */
  field: string;
  message: string;
}

export const problemSchema = z
  .object({
    type: z.string().meta({ example: "urn:mfa-console:problem:temp-code-active" }),
    title: z.string().meta({ example: "Conflict" }),
    status: z.number().int().meta({ example: 409 }),
    detail: z.string().meta({ example: ERRORS.TEMP_CODE_ACTIVE.message }),
    code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]).meta({ description: "Stable machine-readable code; the same as the console's." }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "Each invalid field (code INVALID_INPUT)." }),
    retryAt: z.iso.datetime().optional().meta({ description: "When to try again (with a Retry-After header)." }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });
export type Problem = z.infer<typeof problemSchema>;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
};

/** What an API call answers, before it is a web Response (Next's route handlers) or written to a Node response (lib/http/node-api.ts). */
export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export function replyToResponse(reply: ApiReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

export function problemResponse(failure: Failure, extra: { errors?: FieldError[]; headers?: Record<string, string>; nowMs?: number } = {}): Response {
  return replyToResponse(problemReply(failure, extra));
}

export function problemReply(failure: Failure, extra: { errors?: FieldError[]; headers?: Record<string, string>; nowMs?: number } = {}): ApiReply {
  const status = ERRORS[failure.code].status;
  const body: Problem = {
    type: problemType(failure.code),
    title: TITLES[status] ?? "Error",
    status,
    // The console's "Check the highlighted fields." has no highlight here: say which.
    detail: extra.errors?.length ? extra.errors.map((e) => `${e.field}: ${e.message}`).join(" ") : errorMessage(failure.code),
    code: failure.code,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(failure.retryAt ? { retryAt: failure.retryAt.toISOString() } : {}),
  };
  const headers: Record<string, string> = { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...extra.headers };
  if (status === 401) headers["WWW-Authenticate"] = 'Bearer realm="MFA Console API"';
  if (failure.retryAt) headers["Retry-After"] = String(Math.max(1, Math.ceil((failure.retryAt.getTime() - (extra.nowMs ?? Date.now())) / 1000)));
  return { status, headers, body: JSON.stringify(body) };
}

/** zod issues as the problem's `errors[]`, each with where it was. */
export function fieldErrors(where: "body" | "query" | "path", error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: [where, ...issue.path.map(String)].join("."), message: issue.message }));
}
