// The console's forms and the REST API share one JSON-first schema per body (lib/api/bodies.ts):
// the adapter reads form fields into that shape, and the schema's own messages come back.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formSchema } from "./form-adapter";
import { generateTempCodeSchema } from "./schemas";
import { tempCodeTermsBody } from "./bodies";

const form = (fields: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  return fd;
};
const userId = "6f1c2a9e-3b4d-4c5e-8f70-91a2b3c4d5e6";

describe("form adapter", () => {
  it("reads numbers, an empty nullable as null, and leaves the rest to the API's schema", () => {
    expect(
      generateTempCodeSchema.safeParse(
        form([
          ["userId", userId],
          ["expiresInHours", "2"],
          ["maxUses", ""],
          ["reason", "Lost phone"],
        ]),
      ),
    ).toMatchObject({
      success: true,
      data: { userId, expiresInHours: 2, maxUses: null, reason: "Lost phone" },
    });
    const bad = generateTempCodeSchema.safeParse(
      form([
        ["userId", userId],
        ["expiresInHours", "25"],
        ["reason", "x"],
      ]),
    );
    // The same message the REST API answers for the same value.
    expect(bad.error?.issues[0]?.message).toBe(tempCodeTermsBody.shape.expiresInHours.safeParse(25).error?.issues[0]?.message);
    expect(
      generateTempCodeSchema.safeParse(
        form([
          ["userId", userId],
          ["expiresInHours", "1e3"],
          ["reason", "x"],
        ]),
      ).success,
    ).toBe(false);
  });
  it("an empty required text field is absent, and its message says what to enter", () => {
    const empty = generateTempCodeSchema.safeParse(
      form([
        ["userId", userId],
        ["expiresInHours", "2"],
        ["reason", ""],
      ]),
    );
    expect(empty.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "Enter a reason: it is kept in the verification history."]]);
  });
  it("reads repeated fields as a list, and a checkbox as a boolean", () => {
    const schema = formSchema(z.object({ ids: z.array(z.string()), on: z.boolean().optional(), n: z.number().optional() }));
    expect(
      schema.safeParse(
        form([
          ["ids", "a"],
          ["ids", "b"],
          ["on", "on"],
        ]),
      ),
    ).toMatchObject({ success: true, data: { ids: ["a", "b"], on: true } });
    expect(schema.safeParse({ ids: ["a"], n: "" })).toMatchObject({ success: true, data: { ids: ["a"] } });
  });
});
