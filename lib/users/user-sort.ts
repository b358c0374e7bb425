// Setup > Users column sorting (issue 12): which columns sort, how, and the `sort`/`dir` URL
// parameters as one zod schema. A bad value falls back to the default order with a note, like a
// bad filter: a stale or hand-edited link still opens.
import { z } from "zod";

export const USER_SORTS = ["name", "username", "last-login", "created"] as const;
export type UserSortKey = (typeof USER_SORTS)[number];
export type SortDir = "asc" | "desc";

export interface UserSortColumn {
  label: string;
  /** The Prisma field; each sort is an index range scan (schema.prisma, migration 20261205100000_users_sort_indexes). */
  field: "name" | "username" | "lastLoginAt" | "createdAt";
  kind: "text" | "date";
  /** Null values ("never logged in") come after every set value, whichever the direction. */
  nullable: boolean;
  /** Unique across the table, so the value alone orders rows; id never breaks a tie. */
  unique: boolean;
  /** The direction a first click on the header gives: newest first for dates. */
  firstDir: SortDir;
}

export const USER_SORT_COLUMNS: Record<UserSortKey, UserSortColumn> = {
  name: { label: "Name", field: "name", kind: "text", nullable: false, unique: false, firstDir: "asc" },
  // T2: usernames are unique in the whole table (not only the org).
  username: { label: "Username", field: "username", kind: "text", nullable: false, unique: true, firstDir: "asc" },
  "last-login": { label: "Last login", field: "lastLoginAt", kind: "date", nullable: true, unique: false, firstDir: "desc" },
  created: { label: "Created", field: "createdAt", kind: "date", nullable: false, unique: false, firstDir: "desc" },
};

export interface UserSort {
  sort: UserSortKey;
  dir: SortDir;
}

export const DEFAULT_USER_SORT: UserSort = { sort: "name", dir: "asc" };

export const userSortSchema = z.object({
  sort: z.enum(USER_SORTS, { error: "Sort by name, username, last login or created." }),
  dir: z.enum(["asc", "desc"], { error: "Sort ascending or descending." }),
});

/** The sort the URL asks for, or the default order and a sentence saying what was left out. */
export function checkUserSort(params: Record<string, string | string[] | undefined>): { sort: UserSort; problem?: string } {
  const raw = { sort: params.sort, dir: params.dir };
  if (raw.sort === undefined && raw.dir === undefined) return { sort: DEFAULT_USER_SORT };
  const sortKey = raw.sort === undefined ? DEFAULT_USER_SORT.sort : raw.sort;
  const known = typeof sortKey === "string" && (USER_SORTS as readonly string[]).includes(sortKey);
  const parsed = userSortSchema.safeParse({ sort: sortKey, dir: raw.dir ?? (known ? USER_SORT_COLUMNS[sortKey as UserSortKey].firstDir : undefined) });
  if (!parsed.success) return { sort: DEFAULT_USER_SORT, problem: `${parsed.error.issues[0]?.message ?? "Not a valid sort."} Showing users by name.` };
  return { sort: parsed.data };
}

/** The order a header link asks for: the other direction on the sorted column, else that column's first direction. */
export function nextSortFor(current: UserSort, key: UserSortKey): UserSort {
  if (current.sort === key) return { sort: key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { sort: key, dir: USER_SORT_COLUMNS[key].firstDir };
}
