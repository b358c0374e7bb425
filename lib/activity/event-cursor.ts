// Keyset cursor for the history (SPEC V2): the (occurred_at, id) of a row, opaque to the browser.
// Paging by position (OFFSET) would re-read every earlier row and shift when events arrive; a
// keyset bound lets Postgres start the index scan at the cursor and never repeats or skips a row.
import type { Prisma } from "@db/generated";

export interface EventCursor {
  occurredAt: Date;
  id: bigint;
}

export function encodeEventCursor(c: EventCursor): string {
  return Buffer.from(`${c.occurredAt.getTime()}.${c.id}`).toString("base64url");
}

const BIGINT_MAX = 9_223_372_036_854_775_807n;

export function decodeEventCursor(raw: string | null | undefined): EventCursor | null {
  if (!raw || raw.length > 64) return null;
  const m = /^(\d{1,15})\.(\d{1,19})$/.exec(Buffer.from(raw, "base64url").toString("utf8"));
  if (!m) return null;
  const id = BigInt(m[2]!);
  // Event ids are bigint: 19 digits can still exceed it, and Postgres would refuse the bound.
  if (id > BIGINT_MAX) return null;
  return { occurredAt: new Date(Number(m[1])), id };
}

/**
 * Rows strictly older ("older") or strictly newer ("newer") than the cursor in the history's
 * order (occurred_at desc, id desc). The plain occurred_at bound lets the index scan start at the
 * cursor; the OR alone would make Postgres walk every row before it.
 */
export function keysetWhere(at: EventCursor, direction: "older" | "newer"): Prisma.VerificationEventWhereInput {
  const cmp = direction === "older" ? "lt" : "gt";
  return {
    occurredAt: { [direction === "older" ? "lte" : "gte"]: at.occurredAt },
    OR: [{ occurredAt: { [cmp]: at.occurredAt } }, { occurredAt: at.occurredAt, id: { [cmp]: at.id } }],
  };
}
