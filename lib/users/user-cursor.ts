// Setup > Users keyset cursors (issue 12): the last row's sort value and id, stamped with the sort
// they belong to. A cursor of another sort, or one the browser changed, decodes to null — the
// list then starts at its first page — never to a query Postgres would refuse.
import { isPlainText } from "@/lib/api/text";
import type { UserSort } from "./user-sort";

export interface UserCursor {
  /** The row's value of the sort column: text, an ISO instant, or null (never logged in). */
  value: string | null;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// What Date#toISOString writes: the only form encodeUserCursor produces for a date.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeUserCursor(sort: UserSort, c: UserCursor): string {
  return Buffer.from(JSON.stringify([sort.sort, sort.dir, c.value, c.id])).toString("base64url");
}

export function decodeUserCursor(raw: string | undefined, sort: UserSort, kind: "text" | "date", nullable: boolean): UserCursor | null {
  if (!raw || raw.length > 1_000) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(decoded) || decoded.length !== 4) return null;
    const [key, dir, value, id] = decoded as unknown[];
    if (key !== sort.sort || dir !== sort.dir) return null;
    if (typeof id !== "string" || !UUID.test(id)) return null;
    if (value === null) return nullable ? { value, id } : null;
    if (typeof value !== "string") return null;
    // A NUL or broken Unicode in the text, or a date Postgres cannot read, would fail there.
    const valid = kind === "date" ? ISO_INSTANT.test(value) && roundTrips(value) : value.length <= 200 && isPlainText(value);
    return valid ? { value, id } : null;
  } catch {
    return null;
  }
}

/** "2026-02-30T…" matches the pattern but is no instant: only a value Date writes back unchanged is one. */
function roundTrips(iso: string): boolean {
  const date = new Date(iso);
  return !Number.isNaN(date.getTime()) && date.toISOString() === iso;
}
