import Link from "next/link";
import { Search } from "lucide-react";
import type { ActivityKind, EventStatus, VerificationMethod } from "@db/generated";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { ACTIVITY_LABELS, METHOD_LABELS, STATUS_LABELS } from "@/lib/activity/kinds";
import type { EventFilters } from "@/lib/activity/event-filters";
import type { UserSuggestion } from "@/lib/activity/suggest-users";
import { UserPicker } from "./user-picker";
import { TimeZoneField } from "./time-zone-field";

const options = <K extends string>(labels: Record<K, string>, all: string) => [
  { value: "", label: all },
  ...(Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label })),
];

/** A plain GET form: the filtered view lives in the URL, so it can be bookmarked and shared. */
export function EventsFilters({ filters, user }: { filters: EventFilters; user: UserSuggestion | null }) {
  return (
    <form
      role="search"
      aria-label="Filter verification history"
      method="get"
      action="/setup/activity"
      className="mt-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4 sm:items-start"
    >
      <UserPicker initial={user} />
      <SelectField
        id="activity"
        name="activity"
        label="Activity"
        defaultValue={filters.activity ?? ""}
        options={options<ActivityKind>(ACTIVITY_LABELS, "All activities")}
      />
      <SelectField
        id="method"
        name="method"
        label="Method"
        defaultValue={filters.method ?? ""}
        options={options<VerificationMethod>(METHOD_LABELS, "Any method")}
      />
      <SelectField id="status" name="status" label="Status" defaultValue={filters.status ?? ""} options={options<EventStatus>(STATUS_LABELS, "Any status")} />
      <div className="space-y-1">
        <label htmlFor="from" className="block text-sm font-medium text-slate-800">
          From
        </label>
        <input
          id="from"
          name="from"
          type="date"
          defaultValue={filters.from}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="to" className="block text-sm font-medium text-slate-800">
          To
        </label>
        <input
          id="to"
          name="to"
          type="date"
          defaultValue={filters.to}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
        />
      </div>
      <div className="sm:col-span-2 sm:self-center">
        <TimeZoneField fallback={filters.tz ?? "UTC"} />
      </div>
      <div className="flex gap-2 sm:col-span-4 sm:justify-end">
        <Link prefetch={false} href="/setup/activity" className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Clear
        </Link>
        <Button type="submit">
          <Search aria-hidden className="h-4 w-4" />
          Apply filters
        </Button>
      </div>
    </form>
  );
}
