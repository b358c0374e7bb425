// The history's user type-ahead (GET ?q=…): up to 10 users of the caller's org, as JSON.
import { z } from "zod";
import { checkHistoryAccess } from "@/lib/next/history-access";
import { suggestUsers } from "@/lib/activity/suggest-users";
import { historyAccessResponse } from "@/lib/next/history-access-response";
import { plainText } from "@/lib/api/text";

const querySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100, "Keep the search under 100 characters.")
    .refine(...plainText("search"))
    .default(""),
});

export async function GET(request: Request): Promise<Response> {
  const access = await checkHistoryAccess();
  if (!access.ok) return historyAccessResponse(access.reason, "/setup/activity");
  const parsed = querySchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? "Invalid query." }, { status: 400 });
  const users = await suggestUsers(access.current.orgDb, { query: parsed.data.q });
  return Response.json({ users }, { headers: { "Cache-Control": "no-store" } });
}
