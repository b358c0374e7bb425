import { Badge } from "@/components/ui/badge";
import type { EventRow } from "@/lib/activity/event-row";

const STATUS_TONE = { SUCCEEDED: "green", FAILED: "red", PENDING: "amber" } as const;

/** The status in words (never colour alone), with the failure reason beside it. */
export function EventStatus({ row }: { row: Pick<EventRow, "status" | "statusLabel" | "reasonLabel"> }) {
  return (
    <span className="flex flex-wrap items-center gap-1">
      <Badge tone={STATUS_TONE[row.status]}>{row.statusLabel}</Badge>
      {row.reasonLabel && <span className="text-xs text-slate-600">{row.reasonLabel}</span>}
    </span>
  );
}
