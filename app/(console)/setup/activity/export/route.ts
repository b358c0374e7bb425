// CSV export of the filtered history (SPEC V3): same filters as the page, streamed. A POST from
// the page's form, never a GET: an export is an event in the admin's name, so a link from another
// site must not start one (its POST carries no session cookie, and scripts/server.mjs refuses a
// cross-origin POST outright).
import { checkHistoryAccess } from "@/lib/next/history-access";
import { historyAccessResponse } from "@/lib/next/history-access-response";
import { checkEventFilters, eventFiltersQuery } from "@/lib/activity/event-filters";
import { exportEventsCsv } from "@/lib/activity/export-events-csv";
import { contextFromHeaders } from "@/lib/next/request-context";
import { readFormFields } from "@/lib/next/form-fields";

export async function POST(request: Request): Promise<Response> {
  const fields = await readFormFields(request);
  if (!fields.ok) return Response.json({ error: fields.error }, { status: fields.status });
  const { filters, problems } = checkEventFilters(fields.params);
  const query = eventFiltersQuery(filters);
  const access = await checkHistoryAccess();
  if (!access.ok) return historyAccessResponse(access.reason, `/setup/activity${query ? `?${query}` : ""}`);
  const problem = Object.entries(problems)[0];
  if (problem) return Response.json({ error: `The ${problem[0]} filter: ${problem[1]}` }, { status: 400 });
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

export function GET(): Response {
  return Response.json({ error: "Export with the Export CSV button of the Identity Verification History." }, { status: 405, headers: { Allow: "POST" } });
}
