import Link from "next/link";
import type { UserListRow } from "@/lib/users/list-users";
import { Badge } from "@/components/ui/badge";
import { BULK_FORM_ID } from "./bulk-selection";
import { SelectAllCheckbox } from "./select-all-checkbox";
import { SortHeader } from "./sort-header";
import { SearchHighlight } from "./search-highlight";
import { LocalTime } from "./local-time";
import { USER_SORT_COLUMNS, nextSortFor, type UserSort, type UserSortKey } from "@/lib/users/user-sort";

function methodsText(row: UserListRow): string[] {
  const methods: string[] = [];
  if (row.totpCount) methods.push(row.totpCount > 1 ? `Authenticator app ×${row.totpCount}` : "Authenticator app");
  if (row.webauthnCount) methods.push(row.webauthnCount > 1 ? `Security key ×${row.webauthnCount}` : "Security key");
  return methods;
}

export interface UsersTableProps {
  rows: UserListRow[];
  filtered?: boolean;
  selectable?: boolean;
  /** The order shown, and the link each sortable header goes to. */
  sort: UserSort;
  sortHref: Record<UserSortKey, string>;
  /** The search, whose matches are marked in the name and username. */
  query?: string;
}

export function UsersTable({ rows, filtered = false, selectable = false, sort, sortHref, query }: UsersTableProps) {
  const header = (key: UserSortKey) => (
    <SortHeader label={USER_SORT_COLUMNS[key].label} dir={sort.sort === key ? sort.dir : null} href={sortHref[key]} nextDir={nextSortFor(sort, key).dir} />
  );
  if (rows.length === 0) {
    return (
      <p className="mt-6 rounded-md border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        {filtered ? "No users match these filters." : "No users yet."}
      </p>
    );
  }
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Users in your org</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {selectable && (
              <th scope="col" className="w-10 px-4 py-3">
                <SelectAllCheckbox />
              </th>
            )}
            {header("name")}
            {header("username")}
            <th scope="col" className="px-4 py-3">
              Profile
            </th>
            <th scope="col" className="px-4 py-3">
              Status
            </th>
            <th scope="col" className="px-4 py-3">
              MFA methods
            </th>
            {header("last-login")}
            {header("created")}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const methods = methodsText(row);
            return (
              <tr key={row.id}>
                {selectable && (
                  <td className="px-4 py-3">
                    <input
                      type="checkbox"
                      name="userIds"
                      value={row.id}
                      data-name={row.name}
                      form={BULK_FORM_ID}
                      aria-label={`Select ${row.name}`}
                      className="h-4 w-4"
                    />
                  </td>
                )}
                <td className="px-4 py-3 font-medium">
                  <Link prefetch={false} href={`/setup/users/${row.id}`} className="text-blue-800 hover:underline">
                    <SearchHighlight text={row.name} query={query} field="name" />
                  </Link>
                </td>
                <td className="px-4 py-3 text-slate-700">
                  <SearchHighlight text={row.username} query={query} field="username" />
                </td>
                <td className="px-4 py-3 text-slate-700">{row.profileName}</td>
                <td className="px-4 py-3">
                  <span className="flex flex-wrap gap-1">
                    <Badge tone={row.isActive ? "green" : "slate"}>{row.isActive ? "Active" : "Inactive"}</Badge>
                    {row.lockedUntil && <Badge tone="red">Locked</Badge>}
                  </span>
                </td>
                <td className="px-4 py-3 text-slate-700">
                  <span className="flex flex-wrap items-center gap-1">
                    {methods.length ? methods.join(", ") : <span className="text-slate-500">None registered</span>}
                    {row.tempCodeActive && <Badge tone="amber">Temp code active</Badge>}
                  </span>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                  {row.lastLoginAt ? <LocalTime iso={row.lastLoginAt.toISOString()} /> : <span className="text-slate-500">Never</span>}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                  <LocalTime iso={row.createdAt.toISOString()} format="date" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
