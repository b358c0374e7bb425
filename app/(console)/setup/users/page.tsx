import type { Metadata } from "next";
import Link from "next/link";
import { requireAnyPermission } from "@/lib/next/guards";
import { CONSOLE_PERMISSIONS } from "@/lib/users/permissions";
import { listUsers } from "@/lib/users/list-users";
import { UsersTable } from "@/components/console/users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { orgDb } = await requireAnyPermission(CONSOLE_PERMISSIONS);
  const { after, before } = await searchParams;
  const page = await listUsers(orgDb, { after, before });
  return (
    <main>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        Setup <span aria-hidden>›</span> Users
      </nav>
      <div className="mt-1 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600">{page.total.toLocaleString("en-US")} users in your org</p>
      </div>
      <UsersTable rows={page.rows} />
      <nav aria-label="Pagination" className="mt-4 flex justify-end gap-2">
        {page.prev ? (
          <Link href={`?before=${page.prev}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
            Previous
          </Link>
        ) : (
          <span aria-disabled className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">Previous</span>
        )}
        {page.next ? (
          <Link href={`?after=${page.next}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
            Next
          </Link>
        ) : (
          <span aria-disabled className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">Next</span>
        )}
      </nav>
    </main>
  );
}
