// How one value of an event's detail reads (lib/activity/describe-detail.ts): the detail is JSON
// some writer chose, so every value is made safe here — control characters (a NUL included)
// become spaces, a long text is cut, nesting stops — before it reaches the table or the page.
import type { Prisma } from "@db/generated";

/** A detail value is cut here; the whole of it stays in the raw JSON on the event page. */
export const DETAIL_TEXT_MAX_CHARS = 500;
const NESTING_MAX_DEPTH = 3;
const LIST_MAX_ITEMS = 20;

export type Json = Prisma.JsonValue | undefined;

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]+/g;

export function safeText(value: string, maxChars = DETAIL_TEXT_MAX_CHARS): string {
  const clean = value.replace(CONTROL_CHARS, " ").trim();
  return clean.length > maxChars ? `${clean.slice(0, maxChars - 1)}…` : clean;
}

export const isRecord = (v: Json): v is Prisma.JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const isInstant = (v: Json): v is string => typeof v === "string" && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));

/** "2026-12-01 19:58 UTC": the fallback text of a time the page shows in the reader's zone. */
export function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "alertThresholdMinutes" → "Alert threshold minutes": an unknown key still reads as words. */
export function humanizeKey(key: string): string {
  const words = safeText(key, 80)
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "Detail";
}

/** Any JSON as one line of text: the fallback for keys and shapes no writer is known to use. */
export function plainValue(value: Json, depth = 0): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return isInstant(value) ? utcText(value) : safeText(value) || "(empty)";
  if (depth >= NESTING_MAX_DEPTH) return "…";
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    const shown = value.slice(0, LIST_MAX_ITEMS).map((v) => plainValue(v, depth + 1));
    return safeText(shown.join(", ") + (value.length > LIST_MAX_ITEMS ? `, and ${value.length - LIST_MAX_ITEMS} more` : ""));
  }
  const entries = Object.entries(value).slice(0, LIST_MAX_ITEMS);
  if (entries.length === 0) return "none";
  return safeText(entries.map(([k, v]) => `${humanizeKey(k)}: ${plainValue(v, depth + 1)}`).join(", "));
}

export function countText(n: Json, one: string, many: string): string {
  return typeof n === "number" ? `${n} ${n === 1 ? one : many}` : plainValue(n);
}
