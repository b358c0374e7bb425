// Compares what prisma/schema.prisma declares with what a migrated database contains, and
// returns every difference as a readable line ([] = no drift).
//
// The schema side is Prisma's own DMMF, computed offline by the prisma-schema WebAssembly module
// that ships inside the installed `prisma` CLI (node_modules/prisma/build/prisma_schema_build_bg.wasm).
// It is not published as an importable module there, so a minimal wasm-bindgen loader below
// calls its `get_dmmf` export the same way the CLI's bundled glue does. Unlike the generated
// client's runtime data model, the DMMF includes every @@index with column order and sort.
// The database side is read from pg_catalog, so it works on Postgres and on PGlite alike.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SqlRunner } from "@/lib/db/migrate";

// ---- Schema side -------------------------------------------------------------------------------

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  hasDefaultValue: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
  relationName?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  algorithm?: string | null;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}
export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

// The exports of prisma_schema_build_bg.wasm used here (wasm-bindgen ABI: strings go in as
// pointer + length; get_dmmf returns [ptr, len, errorRef, isError]).
interface SchemaWasm {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_start(): void;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}
let wasmModule: WebAssembly.Module | undefined;

/** Prisma's DMMF datamodel for a schema text (throws Prisma's validation error if it is invalid). */
export function loadDatamodel(schemaText: string): Datamodel {
  const prismaDir = path.dirname(createRequire(import.meta.url).resolve("prisma/package.json"));
  wasmModule ??= new WebAssembly.Module(readFileSync(path.join(prismaDir, "build/prisma_schema_build_bg.wasm")));
  const ref = {} as { wasm: SchemaWasm }; // filled in below; the imports only run after that
  const text = (ptr: number, len: number) => new TextDecoder().decode(new Uint8Array(ref.wasm.memory.buffer, ptr >>> 0, len));
  // The module's four imports, named with wasm-bindgen's hash suffixes, matched by prefix.
  const imports: Record<string, (...args: number[]) => unknown> = {};
  for (const { name } of WebAssembly.Module.imports(wasmModule)) {
    if (name.startsWith("__wbg_Error_")) imports[name] = (p, l) => new Error(text(p, l));
    else if (name.includes("wbindgen_throw"))
      imports[name] = (p, l) => {
        throw new Error(text(p, l));
      };
    else if (name.startsWith("__wbg_set_message_"))
      imports[name] = () => undefined; // panic message hook
    else if (name === "__wbindgen_init_externref_table") {
      imports[name] = () => {
        const table = ref.wasm.__wbindgen_externrefs;
        const base = table.grow(4);
        [undefined, null, true, false].forEach((v, i) => table.set(base + i, v));
        table.set(0, undefined);
      };
    } else throw new Error(`prisma_schema_build_bg.wasm wants an unknown import ${name}; update loadDatamodel`);
  }
  const wasm = (ref.wasm = new WebAssembly.Instance(wasmModule, { __wbindgen_placeholder__: imports }).exports as unknown as SchemaWasm);
  wasm.__wbindgen_start();
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: schemaText, noColor: true }));
  const ptr = wasm.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer, ptr, input.length).set(input);
  const [outPtr, outLen, errRef, isErr] = wasm.get_dmmf(ptr, input.length);
  if (isErr) throw wasm.__wbindgen_externrefs.get(errRef);
  const json = text(outPtr, outLen);
  wasm.__wbindgen_free(outPtr, outLen, 1);
  return (JSON.parse(json) as { datamodel: Datamodel }).datamodel;
}

// Prisma's Postgres column types (no @db attribute), as format_type() prints them.
const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};
const withArgs = (base: string, args: string[]) => (args.length ? `${base}(${args.join(",")})` : base);
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => "text",
  Uuid: () => "uuid",
  Boolean: () => "boolean",
  Integer: () => "integer",
  SmallInt: () => "smallint",
  BigInt: () => "bigint",
  Real: () => "real",
  DoublePrecision: () => "double precision",
  Money: () => "money",
  Date: () => "date",
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
  Inet: () => "inet",
  Citext: () => "citext",
  Xml: () => "xml",
  Oid: () => "oid",
  VarChar: (a) => withArgs("character varying", a),
  Char: (a) => withArgs("character", a),
  Bit: (a) => withArgs("bit", a),
  VarBit: (a) => withArgs("bit varying", a),
  Decimal: (a) => withArgs("numeric", a),
  Timestamp: (a) => `${withArgs("timestamp", a)} without time zone`,
  Timestamptz: (a) => `${withArgs("timestamp", a)} with time zone`,
  Time: (a) => `${withArgs("time", a)} without time zone`,
  Timetz: (a) => `${withArgs("time", a)} with time zone`,
};

function expectedType(field: DmmfField, enumNames: Map<string, string>): string {
  let base: string | undefined;
  if (field.kind === "enum") base = enumNames.get(field.type);
  else if (field.nativeType) base = NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]);
  else base = SCALAR_TYPES[field.type];
  base ??= `<unmapped ${field.type}${field.nativeType ? ` @db.${field.nativeType[0]}` : ""}: extend schema-drift.ts>`;
  return field.isList ? `${base}[]` : base;
}

// Defaults Prisma computes in the client, so the column has none.
const CLIENT_SIDE_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);
function expectsDbDefault(field: DmmfField): boolean {
  if (!field.hasDefaultValue) return false;
  const d = field.default as { name?: string } | undefined;
  return !(d && typeof d === "object" && !Array.isArray(d) && CLIENT_SIDE_DEFAULTS.has(d.name ?? ""));
}

// Prisma's default constraint names (psl ConstraintNames), cut to Postgres' 63-byte limit.
const constraintName = (table: string, cols: string[], suffix: string) => `${`${table}_${cols.join("_")}`.slice(0, 63 - suffix.length)}${suffix}`;

const REFERENTIAL_ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

// ---- Database side -----------------------------------------------------------------------------

const IN_SCHEMA = "n.nspname = current_schema()";
const Q = {
  tables: `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${IN_SCHEMA} AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
  columns: `SELECT c.relname AS table, a.attname AS column, a.attnotnull AS not_null,
      replace(format_type(a.atttypid, a.atttypmod), '"', '') AS type, (a.atthasdef OR a.attidentity <> '') AS has_default
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${IN_SCHEMA} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  enums: `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE ${IN_SCHEMA} GROUP BY t.typname`,
  // One line per index, e.g. `users: UNIQUE users_username_key (username) btree`.
  indexes: `SELECT format('%s: %s %s (%s) %s%s', t.relname,
      CASE WHEN x.indisprimary THEN 'PRIMARY KEY' WHEN x.indisunique THEN 'UNIQUE' ELSE 'INDEX' END, i.relname,
      (SELECT string_agg(coalesce(a.attname, '<expression>') || CASE WHEN k.opt & 1 = 1 THEN ' DESC' ELSE '' END, ', ' ORDER BY k.ord)
         FROM unnest(x.indkey::int2[], x.indoption::int2[]) WITH ORDINALITY AS k(attnum, opt, ord)
         LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0),
      am.amname, CASE WHEN x.indpred IS NOT NULL THEN ' (partial)' ELSE '' END) AS sig
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE ${IN_SCHEMA} AND t.relname <> '_prisma_migrations'`,
  foreignKeys: `SELECT format('%s: FOREIGN KEY %s (%s) REFERENCES %s (%s) ON DELETE %s ON UPDATE %s', t.relname, co.conname,
      (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum),
      r.relname,
      (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum),
      co.confdeltype, co.confupdtype) AS sig
    FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid JOIN pg_class r ON r.oid = co.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace WHERE ${IN_SCHEMA} AND co.contype = 'f'`,
};

function diffSets(what: string, expected: string[], actual: string[], out: string[]) {
  const a = new Set(actual),
    e = new Set(expected);
  for (const x of expected) if (!a.has(x)) out.push(`missing ${what}: ${x}`);
  for (const x of actual) if (!e.has(x)) out.push(`unexpected ${what}: ${x}`);
}

/** Every difference between the datamodel and the database the runner is connected to. */
export async function compareSchema(datamodel: Datamodel, runner: SqlRunner): Promise<string[]> {
  const out: string[] = [];
  const enumNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const table = (m: DmmfModel) => m.dbName ?? m.name;
  const column = (m: DmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f ? (f.dbName ?? f.name) : `<unknown field ${m.name}.${fieldName}>`;
  };

  const tables = (await runner.query<{ table: string }>(Q.tables)).rows.map((r) => r.table);
  diffSets("table", datamodel.models.map(table), tables, out);

  // Columns: name, type (incl. list-ness), nullability, whether the database supplies a default.
  const describe = (type: string, notNull: boolean, hasDefault: boolean) => `${type}${notNull ? " NOT NULL" : ""}${hasDefault ? " DEFAULT" : ""}`;
  const actualCols = new Map<string, string>();
  for (const c of (await runner.query<{ table: string; column: string; not_null: boolean; type: string; has_default: boolean }>(Q.columns)).rows) {
    actualCols.set(`${c.table}.${c.column}`, describe(c.type, c.not_null, c.has_default));
  }
  const expectedCols = new Map<string, string>();
  for (const m of datamodel.models) {
    for (const f of m.fields.filter((x) => x.kind === "scalar" || x.kind === "enum")) {
      // Prisma creates scalar lists as nullable columns even though the field is never null.
      const notNull = f.isRequired && !f.isList;
      expectedCols.set(`${table(m)}.${f.dbName ?? f.name}`, describe(expectedType(f, enumNames), notNull, expectsDbDefault(f)));
    }
  }
  // Only tables present on both sides: a missing or extra table is already reported above.
  const inBoth = (key: string) => tables.includes(key.split(".")[0]) && datamodel.models.some((m) => table(m) === key.split(".")[0]);
  for (const [key, exp] of expectedCols) {
    const act = actualCols.get(key);
    if (act === undefined) {
      if (inBoth(key)) out.push(`missing column: ${key} ${exp}`);
    } else if (act !== exp) out.push(`column ${key}: schema says ${exp}, database has ${act}`);
  }
  for (const [key, act] of actualCols) if (!expectedCols.has(key) && inBoth(key)) out.push(`unexpected column: ${key} ${act}`);

  // Enums, values in declaration order (Postgres sorts enum values by it).
  const actualEnums = (await runner.query<{ name: string; labels: string[] }>(Q.enums)).rows;
  diffSets(
    "enum",
    datamodel.enums.map((e) => `${e.dbName ?? e.name} (${e.values.map((v) => v.dbName ?? v.name).join(", ")})`),
    actualEnums.map((e) => `${e.name} (${e.labels.join(", ")})`),
    out,
  );

  // Primary keys, unique constraints/indexes and plain indexes, with column order and sort order.
  const KIND = { id: ["PRIMARY KEY", "_pkey"], unique: ["UNIQUE", "_key"], normal: ["INDEX", "_idx"], fulltext: ["FULLTEXT", "_idx"] } as const;
  const expectedIndexes = datamodel.indexes.map((ix) => {
    const m = models.get(ix.model)!;
    const cols = ix.fields.map((f) => column(m, f.name));
    const [label, suffix] = KIND[ix.type];
    const name = ix.dbName ?? (ix.type === "id" ? `${table(m)}_pkey` : constraintName(table(m), cols, suffix));
    const colList = ix.fields.map((f, i) => cols[i] + (f.sortOrder === "desc" ? " DESC" : "")).join(", ");
    return `${table(m)}: ${label} ${name} (${colList}) ${(ix.algorithm ?? "btree").toLowerCase()}`;
  });
  diffSets(
    "index",
    expectedIndexes,
    (await runner.query<{ sig: string }>(Q.indexes)).rows.map((r) => r.sig),
    out,
  );

  // Foreign keys, with Prisma's default referential actions.
  const expectedFks: string[] = [];
  for (const m of datamodel.models) {
    for (const f of m.fields.filter((x) => x.kind === "object" && x.relationFromFields?.length)) {
      const target = models.get(f.type)!;
      const from = f.relationFromFields!.map((n) => column(m, n));
      const to = f.relationToFields!.map((n) => column(target, n));
      const allRequired = f.relationFromFields!.every((n) => m.fields.find((x) => x.name === n)?.isRequired);
      const onDelete = f.relationOnDelete ?? (allRequired ? "Restrict" : "SetNull");
      const onUpdate = f.relationOnUpdate ?? "Cascade";
      expectedFks.push(
        `${table(m)}: FOREIGN KEY ${constraintName(table(m), from, "_fkey")} (${from.join(", ")}) ` +
          `REFERENCES ${table(target)} (${to.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
      );
    }
  }
  const actualFks = (await runner.query<{ sig: string }>(Q.foreignKeys)).rows.map((r) =>
    r.sig.replace(/ON DELETE (\w) ON UPDATE (\w)$/, (_, d: string, u: string) => `ON DELETE ${REFERENTIAL_ACTIONS[d]} ON UPDATE ${REFERENTIAL_ACTIONS[u]}`),
  );
  diffSets("foreign key", expectedFks, actualFks, out);

  return out;
}
