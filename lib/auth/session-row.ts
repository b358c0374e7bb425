// The session check's read (issue 11: ≤ 2 ms per request): a session with its user, the user's
// profile, the org and its settings — the shape Prisma's include gives (SessionWithUser), from one
// hand-written statement. Through Prisma's query compiler the same read cost about 1.9 ms of CPU
// per request (a 1,000 requests/s budget of two cores); as raw SQL, under 1 ms. Each table comes
// as to_jsonb(row), so a column added to the schema appears here by itself;
// tests/integration/session-row.test.ts holds this equal to Prisma's include, key for key.
import { Prisma } from "@db/generated";
import type { Db } from "@/lib/db/client";

const sessionInclude = {
  user: { include: { profile: true, org: { include: { settings: true } } } },
} satisfies Prisma.SessionInclude;
export type SessionWithUser = Prisma.SessionGetPayload<{ include: typeof sessionInclude }>;

/** Prisma's own read of the same shape: for the test that keeps sessionByTokenHash honest. */
export function sessionWithUserByPrisma(db: Db, tokenHash: string): Promise<SessionWithUser | null> {
  return db.session.findUnique({ where: { tokenHash }, include: sessionInclude });
}

// Every timestamp column of these tables ends in _at or _until; JSON carries them as ISO text.
const TIMESTAMP_COLUMN = /_(at|until)$/;
// Their list columns: a NULL in one reads as [] through Prisma.
const LIST_COLUMNS = new Set(["extra_permissions", "permissions", "high_assurance_methods"]);

// Per column name, once: its field name and how its JSON value reads (a regex per key per request
// was a tenth of a millisecond of the check).
const COLUMNS = new Map<string, { field: string; kind: "timestamp" | "list" | "plain" }>();
function columnOf(column: string) {
  let c = COLUMNS.get(column);
  if (!c) {
    const kind = TIMESTAMP_COLUMN.test(column) ? "timestamp" : LIST_COLUMNS.has(column) ? "list" : "plain";
    c = { field: column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()), kind };
    COLUMNS.set(column, c);
  }
  return c;
}

/** A row as to_jsonb gives it, as Prisma would: camelCase fields, timestamps as Dates. */
function fromJsonRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column in row) {
    const value = row[column];
    const { field, kind } = columnOf(column);
    if (kind === "timestamp" && typeof value === "string") out[field] = new Date(value);
    else if (kind === "list" && value === null) out[field] = [];
    else out[field] = value;
  }
  return out;
}

type JsonRow = Record<string, unknown>;

export async function sessionByTokenHash(db: Db, tokenHash: string): Promise<SessionWithUser | null> {
  const rows = await db.$queryRaw<{ s: JsonRow; u: JsonRow; p: JsonRow; o: JsonRow; st: JsonRow | null }[]>`/* prepared */
    SELECT to_jsonb(s) AS s, to_jsonb(u) AS u, to_jsonb(p) AS p, to_jsonb(o) AS o, to_jsonb(st) AS st
    FROM sessions s
    JOIN users u ON u.id = s.user_id AND u.org_id = s.org_id
    JOIN profiles p ON p.id = u.profile_id AND p.org_id = u.org_id
    JOIN orgs o ON o.id = u.org_id
    LEFT JOIN org_settings st ON st.org_id = o.id
    WHERE s.token_hash = ${tokenHash}`;
  const row = rows[0];
  if (!row) return null;
  const org = { ...fromJsonRow(row.o), settings: row.st ? fromJsonRow(row.st) : null };
  const user = { ...fromJsonRow(row.u), profile: fromJsonRow(row.p), org };
  return { ...fromJsonRow(row.s), user } as unknown as SessionWithUser;
}
