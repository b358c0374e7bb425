import type { Metadata } from "next";
import Link from "next/link";
import { requireAction } from "@/lib/next/guards";
import { capabilities } from "@/lib/policy/actions";
import { listUsers } from "@/lib/users/list-users";
import { listProfiles } from "@/lib/users/list-profiles";
import { checkUserFilters, type UserFilters } from "@/lib/users/user-filters";
import { Alert } from "@/components/ui/alert";
import { UsersTable } from "@/components/console/users-table";
import { UsersFilters } from "@/components/console/users-filters";
import { BulkActionsBar } from "@/components/console/bulk-actions-bar";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";

export const metadata: Metadata = { title: "Users" };

function pageHref(filters: UserFilters, cursor: Record<string, string>): string {
  const params = new URLSearchParams({ ...(filters as Record<string, string>), ...cursor });
  return `?${params.toString()}`;
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { orgDb, permissions, session, user } = await requireAction("console.view");
  const can = capabilities(permissions);
  const canBulk = can["bulk.reset-mfa"] || can["bulk.expire-temp-codes"] || can["bulk.revoke-sessions"];
  const stepUpHref = currentLevel(session).level === "HIGH_ASSURANCE" ? undefined : stepUpPath("/setup/users");
  const params = await searchParams;
  const { filters, problems } = checkUserFilters(params);
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const [page, profiles] = await Promise.all([listUsers(orgDb, { after: str(params.after), before: str(params.before), filters }), listProfiles(orgDb)]);
  const filtered = Object.keys(filters).length > 0;
  return (
    <main>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">Setup</Link> <span aria-hidden>›</span> Users
      </nav>
      <div className="mt-1 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Users</h1>
        <div className="flex items-center gap-4">
          <p className="text-sm text-slate-600" role="status">
            {page.total.toLocaleString("en-US")}
            {page.totalCapped ? "+" : ""} {page.total === 1 && !page.totalCapped ? "user" : "users"} {filtered ? "match" : "in your org"}
          </p>
          {can["user.create"] && (
            <Link prefetch={false} href="/setup/users/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              New user
            </Link>
          )}
        </div>
      </div>
      <UsersFilters filters={filters} profiles={profiles} />
      {Object.values(problems).length > 0 && (
        <div className="mt-3">
          <Alert>{Object.values(problems).join(" ")}</Alert>
        </div>
      )}
      {canBulk && page.rows.length > 0 && <BulkActionsBar stepUpHref={stepUpHref} selfId={user.id} />}
      <UsersTable rows={page.rows} filtered={filtered} selectable={canBulk} />
      <nav aria-label="Pagination" className="mt-4 flex justify-end gap-2">
        {page.prev ? (
          <Link prefetch={false} href={pageHref(filters, { before: page.prev })} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
            Previous
          </Link>
        ) : (
          <span aria-disabled className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">Previous</span>
        )}
        {page.next ? (
          <Link prefetch={false} href={pageHref(filters, { after: page.next })} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
            Next
          </Link>
        ) : (
          <span aria-disabled className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">Next</span>
        )}
      </nav>
    </main>
  );
}
