// CSV export of the filtered history (SPEC V3): same filters as the page, streamed.
import { checkHistoryAccess } from "@/lib/next/history-access";
import { historyAccessResponse } from "@/lib/next/history-access-response";
import { eventFiltersQuery, parseEventFilters } from "@/lib/activity/event-filters";
import { exportEventsCsv } from "@/lib/activity/export-events-csv";
import { contextFromHeaders } from "@/lib/next/request-context";

export async function GET(request: Request): Promise<Response> {
  const filters = parseEventFilters(new URL(request.url).searchParams);
  const query = eventFiltersQuery(filters);
  const access = await checkHistoryAccess();
  if (!access.ok) return historyAccessResponse(access.reason, `/setup/activity${query ? `?${query}` : ""}`);
  const { current } = access;
  const stream = await exportEventsCsv(current.orgDb, {
    orgId: current.user.orgId,
    actor: { id: current.user.id, username: current.user.username },
    filters,
    context: contextFromHeaders(request.headers),
  });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="verification-history-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
