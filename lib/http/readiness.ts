// Liveness and readiness for a load balancer or an orchestrator (issue 11): alive = this process
// answers HTTP; ready = it can also reach its database, within a bound, so a Postgres outage takes
// the instance out of rotation instead of answering errors. Neither says more than that: no
// versions, no host names, no error text (they are unauthenticated).
import { getDb } from "@/lib/db/client";
import { markDatabaseAvailable } from "@/lib/db/availability";

export const READINESS_TIMEOUT_MS = 2_000;

export async function databaseReachable(timeoutMs = READINESS_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const probe = (async () => {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    // A query answered: whatever an idle connection's error said before, Postgres is there.
    markDatabaseAvailable();
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthResponse(ok: boolean): Response {
  return Response.json(ok ? { status: "ok" } : { status: "unavailable", detail: "The database can't be reached; try again shortly." }, {
    status: ok ? 200 : 503,
    headers: { "Cache-Control": "no-store", ...(ok ? {} : { "Retry-After": "5" }) },
  });
}
