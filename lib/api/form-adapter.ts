// The console's forms post text; the REST API takes JSON. One schema — JSON-first, the API's,
// which also documents it (lib/api/v1/openapi.ts) — serves both: this adapter reads the form's
// fields in the shape that schema expects (a number field from its text, a list from repeated
// fields, an empty optional field as absent, an empty nullable one as null), then the schema
// itself judges them, with the same messages in both.
import type { z } from "zod";

type Kind = "number" | "array" | "boolean" | "other";

function kindOf(schema: z.ZodType): { kind: Kind; nullable: boolean } {
  let nullable = false;
  let t = schema as unknown as { _zod: { def: { type: string; innerType?: unknown } } };
  for (let depth = 0; depth < 8; depth++) {
    const { type, innerType } = t._zod.def;
    if (type === "nullable") nullable = true;
    if ((type === "optional" || type === "nullable" || type === "default") && innerType) {
      t = innerType as typeof t;
      continue;
    }
    return { kind: type === "number" || type === "array" || type === "boolean" ? type : "other", nullable };
  }
  return { kind: "other", nullable };
}

function read(field: { kind: Kind; nullable: boolean }, values: unknown[]): unknown {
  if (field.kind === "array") return values;
  const value = values.at(-1);
  if (typeof value !== "string") return value;
  if (value === "") return field.nullable ? null : undefined;
  if (field.kind === "number") return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (field.kind === "boolean") return value === "on" || value === "true";
  return value;
}

/** A schema that reads FormData (or a plain object of field texts) into `schema`'s JSON shape. */
export function formSchema<S extends z.ZodObject<z.ZodRawShape>>(schema: S) {
  const fields = Object.fromEntries(Object.entries(schema.shape).map(([name, field]) => [name, kindOf(field as z.ZodType)]));
  return {
    schema,
    safeParse(input: FormData | Record<string, unknown>): ReturnType<S["safeParse"]> {
      const values = (name: string): unknown[] =>
        input instanceof FormData
          ? input.getAll(name)
          : input[name] === undefined
            ? []
            : Array.isArray(input[name])
              ? (input[name] as unknown[])
              : [input[name]];
      const json = Object.fromEntries(
        Object.entries(fields)
          .map(([name, field]) => [name, read(field, values(name))])
          .filter(([, v]) => v !== undefined),
      );
      return schema.safeParse(json) as ReturnType<S["safeParse"]>;
    },
  };
}
