// SPEC P3: the OpenAPI 3.1 document, generated from the operations' own zod schemas.
import { buildOpenApiDocument } from "@/lib/api/v1/openapi";
import { otherMethods } from "@/lib/http/api-route";

let document: string | undefined;

export function GET(): Response {
  document ??= JSON.stringify(buildOpenApiDocument());
  return new Response(document, { headers: { "Content-Type": "application/json", "Cache-Control": "no-cache" } });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
