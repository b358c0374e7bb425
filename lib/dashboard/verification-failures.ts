// Setup home (SPEC V5): failed verifications per day for the last 30 days and the commonest
// failure reasons. Grouped in SQL (a million events never leave Postgres) and served by the
// (org_id, status, occurred_at) index, which reads only the failures of the window. Raw SQL is not
// rewritten by forOrg (docs/decisions/003), so both queries filter on org_id themselves; the
// tenant test in tests/integration/dashboard.test.ts proves it. Days are UTC days.
import type { OrgDb } from "@/lib/db/tenant";
import { failureReasonLabel } from "@/lib/activity/kinds";

export const FAILURE_WINDOW_DAYS = 30;
export const TOP_FAILURE_REASONS = 5;
const DAY_MS = 86_400_000;

export interface FailuresPerDay {
  /** One entry per UTC day, oldest first, zero-filled: `day` is "YYYY-MM-DD". */
  days: { day: string; failures: number }[];
  reasons: { reason: string; label: string; failures: number }[];
  total: number;
}

export async function getVerificationFailures(orgDb: OrgDb, opts: { orgId: string; nowMs?: number }): Promise<FailuresPerDay> {
  const nowMs = opts.nowMs ?? Date.now();
  const firstDayMs = Math.floor(nowMs / DAY_MS) * DAY_MS - (FAILURE_WINDOW_DAYS - 1) * DAY_MS;
  const since = new Date(firstDayMs);
  const [perDay, reasons] = await Promise.all([
    orgDb.$queryRaw<{ day: string; failures: bigint }[]>`
      SELECT to_char(date_trunc('day', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*) AS failures
        FROM verification_events
       WHERE org_id = ${opts.orgId}::uuid AND status = 'FAILED' AND occurred_at >= ${since}
       GROUP BY 1`,
    orgDb.$queryRaw<{ reason: string | null; failures: bigint }[]>`
      SELECT reason, count(*) AS failures
        FROM verification_events
       WHERE org_id = ${opts.orgId}::uuid AND status = 'FAILED' AND occurred_at >= ${since}
       GROUP BY reason
       ORDER BY failures DESC, reason
       LIMIT ${TOP_FAILURE_REASONS}`,
  ]);
  const byDay = new Map(perDay.map((r) => [r.day, Number(r.failures)]));
  const days = Array.from({ length: FAILURE_WINDOW_DAYS }, (_, i) => {
    const day = new Date(firstDayMs + i * DAY_MS).toISOString().slice(0, 10);
    return { day, failures: byDay.get(day) ?? 0 };
  });
  return {
    days,
    reasons: reasons.map((r) => ({
      reason: r.reason ?? "UNSPECIFIED",
      label: failureReasonLabel(r.reason) ?? "No reason recorded",
      failures: Number(r.failures),
    })),
    total: days.reduce((sum, d) => sum + d.failures, 0),
  };
}
