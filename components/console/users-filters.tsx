import Link from "next/link";
import { Search } from "lucide-react";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { MFA_STATES, MFA_STATE_LABELS, type UserFilters } from "@/lib/users/user-filters";
import { DEFAULT_USER_SORT, type UserSort } from "@/lib/users/user-sort";

/** A plain GET form: the filtered view lives in the URL, so it can be bookmarked and shared. */
export function UsersFilters({
  filters,
  profiles,
  sort = DEFAULT_USER_SORT,
}: {
  filters: UserFilters;
  profiles: { id: string; name: string }[];
  sort?: UserSort;
}) {
  const sorted = sort.sort !== DEFAULT_USER_SORT.sort || sort.dir !== DEFAULT_USER_SORT.dir;
  return (
    <form
      role="search"
      aria-label="Filter users"
      method="get"
      className="mt-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5 sm:items-end"
    >
      {/* A new search keeps the order the table is in. */}
      {sorted && (
        <>
          <input type="hidden" name="sort" value={sort.sort} />
          <input type="hidden" name="dir" value={sort.dir} />
        </>
      )}
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="q" className="block text-sm font-medium text-slate-800">
          Search by name or username
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={filters.q}
          placeholder="e.g. alice"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
        />
      </div>
      <SelectField
        id="status"
        name="status"
        label="Status"
        defaultValue={filters.status ?? ""}
        options={[
          { value: "", label: "All" },
          { value: "active", label: "Active" },
          { value: "inactive", label: "Inactive" },
        ]}
      />
      <SelectField
        id="profile"
        name="profile"
        label="Profile"
        defaultValue={filters.profile ?? ""}
        options={[{ value: "", label: "All profiles" }, ...profiles.map((p) => ({ value: p.id, label: p.name }))]}
      />
      <SelectField
        id="mfa"
        name="mfa"
        label="MFA"
        defaultValue={filters.mfa ?? ""}
        options={[{ value: "", label: "Any" }, ...MFA_STATES.map((m) => ({ value: m, label: MFA_STATE_LABELS[m] }))]}
      />
      <div className="flex gap-2 sm:col-span-5 sm:justify-end">
        <Link prefetch={false} href="/setup/users" className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Clear
        </Link>
        <Button type="submit">
          <Search aria-hidden className="h-4 w-4" />
          Search
        </Button>
      </div>
    </form>
  );
}
