// The hostile values — NUL, broken UTF-8, 600 KB and over-1 MB strings, a field given twice, far
// and impossible dates, -1 / 1e309 / NaN — and the builders that put exactly one of them into an
// otherwise well-formed form or JSON body, so a refusal can only be the hostile value's.
import { randomUUID } from "node:crypto";
import type { FieldValue, FormFields } from "../../helpers/server-action";

/** Under scripts/http-edge.mjs's 1 MB limit, so it reaches the action: far over every field's own limit. */
export const TEXT_600_KB = "x".repeat(600 * 1024);
/** Over the edge's limit: answered 413 before Next.js reads it. */
export const TEXT_OVER_1_MB = "x".repeat(1024 * 1024 + 1);
/** "a", U+D800 as a browser with a broken encoder would send it (ED A0 80: not UTF-8), "b". */
const BROKEN_UTF8 = Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]);

export interface Hostile {
  label: string;
  /** More than one: the field is repeated (an array where the action reads one value). */
  values: FieldValue[];
}

export const one = (label: string, value: FieldValue): Hostile => ({ label, values: [value] });

// Both repeated values are invalid on their own, so the request is refused whichever one an
// action reads (formData.get takes the first, Object.fromEntries the last).
export const TEXT_VALUES: Hostile[] = [
  one("NUL", "a\u0000b"),
  one("lone surrogate (bytes ED A0 80)", BROKEN_UTF8),
  one("600 KB", TEXT_600_KB),
  { label: "repeated field", values: ["a\u0000b", "c\u0000d"] },
];
const NUMBER_VALUES: Hostile[] = ["-1", "1e309", "NaN", "99999999999999999999"].map((v) => one(v, v));
export const FAR_DATES: Hostile[] = ["9999-12-31", "0000-01-01", "2026-02-30"].map((v) => one(v, v));

/** JSON values for actions called with plain arguments (raw JSON text, so 1e309 stays 1e309). */
export const JSON_VALUES: [label: string, json: string][] = [
  ["NUL", JSON.stringify("a\u0000b")],
  ["lone surrogate", '"a\\ud800b"'],
  ["600 KB", JSON.stringify(TEXT_600_KB)],
  ["array for a scalar", '["a","b"]'],
  ["1e309", "1e309"],
  ["-1", "-1"],
  ["object for a scalar", '{"toString":"x"}'],
];

type FieldKind = "text" | "code" | "id" | "number" | "list" | "checkbox";

/** A field of a form action: what it takes, and what it is sent while another field is the hostile one. */
export interface Field {
  name: string;
  kind: FieldKind;
  /** The value sent while another field is the hostile one (a list field sends each). */
  valid: string | string[];
  /** Well-formed values that are wrong here: another org's row, someone else's row, a random uuid. */
  wrong?: Hostile[];
  /** Extra hostile values for this field only. */
  extra?: Hostile[];
  /** Sent as given, never hostile (why: said where the field is made). */
  fuzz?: false;
}

export function hostileValuesFor(field: Field): Hostile[] {
  const byKind: Record<FieldKind, Hostile[]> = {
    text: TEXT_VALUES,
    code: [...TEXT_VALUES, ...NUMBER_VALUES],
    number: [...TEXT_VALUES, ...NUMBER_VALUES],
    checkbox: TEXT_VALUES,
    id: [...TEXT_VALUES, one("not a uuid", "not-a-uuid"), one("random uuid", randomUUID())],
    list: [...TEXT_VALUES.slice(0, 3), { label: "a valid value and a NUL one", values: [(field.valid as string[])[0] ?? "x", "a\u0000b"] }],
  };
  return [...byKind[field.kind], ...(field.wrong ?? []), ...(field.extra ?? [])];
}

/** The form with one field hostile and the others as a real form would send them. */
export function formWith(fields: Field[], hostileField: Field, hostile: Hostile): FormFields {
  return fields.flatMap((f): FormFields => {
    const values = f === hostileField ? hostile.values : Array.isArray(f.valid) ? f.valid : [f.valid];
    return values.map((v) => [f.name, v]);
  });
}

/** JSON text of `value` with the node at `path` replaced by raw JSON `hostile` (so 1e309 is sent as such). */
export function jsonWith(value: unknown, path: (string | number)[], hostile: string): string {
  const MARK = "\u0001HOSTILE\u0001";
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = MARK;
  return JSON.stringify(copy).replace(JSON.stringify(MARK), hostile);
}

/** application/x-www-form-urlencoded, byte by byte: raw bytes (invalid UTF-8) stay as they are. */
export function urlEncoded(fields: FormFields): string {
  const encode = (v: FieldValue) =>
    [...Buffer.from(v)]
      .map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`))
      .join("");
  return fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
}
