import type { Metadata } from "next";
import Link from "next/link";
import { requireAction } from "@/lib/next/guards";
import { capabilities } from "@/lib/policy/actions";
import { decodeCursor, listUsers } from "@/lib/users/list-users";
import { userCountText } from "@/lib/users/count-users";
import { checkUserSort, nextSortFor, USER_SORTS, DEFAULT_USER_SORT, type UserSort, type UserSortKey } from "@/lib/users/user-sort";
import { listProfiles } from "@/lib/users/list-profiles";
import { checkUserFilters, type UserFilters } from "@/lib/users/user-filters";
import { Alert } from "@/components/ui/alert";
import { UsersTable } from "@/components/console/users-table";
import { UsersFilters } from "@/components/console/users-filters";
import { BulkActionsBar } from "./bulk-actions-bar";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";

export const metadata: Metadata = { title: "Users" };

function pageHref(filters: UserFilters, sort: UserSort, cursor: Record<string, string> = {}): string {
  const order: Record<string, string> = sort.sort === DEFAULT_USER_SORT.sort && sort.dir === DEFAULT_USER_SORT.dir ? {} : { sort: sort.sort, dir: sort.dir };
  const params = new URLSearchParams({ ...(filters as Record<string, string>), ...order, ...cursor });
  return params.size ? `/setup/users?${params.toString()}` : "/setup/users";
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { orgDb, permissions, session, user } = await requireAction("console.view");
  const can = capabilities(permissions);
  const canBulk = can["bulk.reset-mfa"] || can["bulk.expire-temp-codes"] || can["bulk.revoke-sessions"];
  const stepUpHref = currentLevel(session).level === "HIGH_ASSURANCE" ? undefined : stepUpPath("/setup/users");
  const params = await searchParams;
  const { filters, problems } = checkUserFilters(params);
  const { sort, problem: sortProblem } = checkUserSort(params);
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const cursor = { after: str(params.after), before: str(params.before) };
  // A page link of another order (or a changed one) opens the first page, and says so.
  const staleCursor = [cursor.after, cursor.before].some((c) => c !== undefined && decodeCursor(c, sort) === null);
  const notes = [
    ...Object.values(problems),
    ...(sortProblem ? [sortProblem] : []),
    ...(staleCursor ? ["That page link is out of date: showing the first page."] : []),
  ];
  const [page, profiles] = await Promise.all([listUsers(orgDb, { ...cursor, filters, sort }), listProfiles(orgDb)]);
  const filtered = Object.keys(filters).length > 0;
  const sortHref = Object.fromEntries(USER_SORTS.map((key) => [key, pageHref(filters, nextSortFor(sort, key))])) as Record<UserSortKey, string>;
  return (
    <main>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span> Users
      </nav>
      <div className="mt-1 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Users</h1>
        <div className="flex items-center gap-4">
          <p className="text-sm text-slate-600" role="status">
            {userCountText({ total: page.total, capped: page.totalCapped })} {filtered ? "match" : "in your org"}
          </p>
          {can["user.create"] && (
            <Link prefetch={false} href="/setup/users/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              New user
            </Link>
          )}
        </div>
      </div>
      <UsersFilters filters={filters} profiles={profiles} sort={sort} />
      {notes.length > 0 && (
        <div className="mt-3">
          <Alert>{notes.join(" ")}</Alert>
        </div>
      )}
      {canBulk && page.rows.length > 0 && <BulkActionsBar stepUpHref={stepUpHref} selfId={user.id} />}
      <UsersTable rows={page.rows} filtered={filtered} selectable={canBulk} sort={sort} sortHref={sortHref} query={filters.q} />
      <nav aria-label="Pagination" className="mt-4 flex justify-end gap-2">
        {page.prev ? (
          <Link
            prefetch={false}
            href={pageHref(filters, sort, { before: page.prev })}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Previous
          </Link>
        ) : (
          <span aria-disabled className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">
            Previous
          </span>
        )}
        {page.next ? (
          <Link
            prefetch={false}
            href={pageHref(filters, sort, { after: page.next })}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Next
          </Link>
        ) : (
          <span aria-disabled className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">
            Next
          </span>
        )}
      </nav>
    </main>
  );
}
