// SPEC P3 (issue 9): the OpenAPI 3.1 document is valid by an independent validator
// (@apidevtools/swagger-parser), lists every operation with the bearer scheme, an example body
// where there is a body and a Problem for errors — and each operation has its route handler.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/v1/openapi";
import { API_OPERATIONS } from "@/lib/api/v1/operations";
import { API_BASE_PATH } from "@/lib/http/handle-api-call";

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const doc = structuredClone(buildOpenApiDocument());
    // validate() rejects with the first problem it finds; resolving, it hands back the document.
    await expect(SwaggerParser.validate(doc as never)).resolves.toMatchObject({ openapi: "3.1.0", paths: expect.any(Object) });
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents every operation: security, examples, errors", () => {
    const doc = buildOpenApiDocument();
    for (const op of API_OPERATIONS) {
      const entry = doc.paths?.[API_BASE_PATH + op.path]?.[op.method.toLowerCase() as "get"];
      expect(entry, op.operationId).toBeDefined();
      expect(entry!.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(entry!.responses!)).toEqual(expect.arrayContaining(["400", "401", "403", "429"]));
      if (op.body) {
        const body = entry!.requestBody as { content: Record<string, { example?: unknown }> };
        const example = body.content["application/json"]!.example;
        // The seed's "Example Value" must be a body the operation accepts, not just present.
        expect(op.body.strict().safeParse(example).success, `${op.operationId} example ${JSON.stringify(example)}`).toBe(true);
      }
    }
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("has a route handler for each operation, exporting its method", () => {
    for (const op of API_OPERATIONS) {
      const dir = op.path.replace(/\{(\w+)\}/g, "[$1]");
      const file = path.join("app/api/v1", dir, "route.ts");
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, "utf8"), file).toMatch(new RegExp(`export const ${op.method} = apiRoute\\(`));
    }
  });
});
