// The HTTP answer of a history route handler that refused access: route handlers cannot render
// the 403 page, and a step-up is a redirect the browser follows (then "Verify your identity"
// returns to the history page with the same filters, where the export link is one click away).
import { stepUpPath } from "@/lib/auth/step-up-return";
import type { HistoryAccess } from "./history-access";

export function historyAccessResponse(reason: Extract<HistoryAccess, { ok: false }>["reason"], returnTo: string): Response {
  if (reason === "NO_SESSION") return Response.json({ error: "Log in first." }, { status: 401 });
  if (reason === "FORBIDDEN") return Response.json({ error: "You don't have permission to view the verification history." }, { status: 403 });
  return new Response(null, { status: 303, headers: { Location: stepUpPath(returnTo) } });
}
