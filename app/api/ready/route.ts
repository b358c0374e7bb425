// Readiness: the process answers and reaches its database (503 with Retry-After when not).
import { databaseReachable, healthResponse } from "@/lib/http/readiness";

export const dynamic = "force-dynamic";
export async function GET() {
  return healthResponse(await databaseReachable());
}
