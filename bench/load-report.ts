// bench/load.ts's figures: requests by status, p50/p95 per route, the restart and recovery, each
// cross-instance rule, and acknowledged actions against the events in SQL. Returns whether the
// run passed.
import type { Acknowledged, Ledger } from "./load-ledger";

export interface Recovery {
  atSeconds: number;
  /** From the restart command to Postgres accepting connections again (the command returning). */
  postgresBackMs: number;
  /** From the restart command to both instances' /api/ready answering 200. */
  readyMs: number;
}

export interface EventCounts {
  byActivity: Record<Acknowledged, number>;
  all: number;
  /** Sessions made by logins (the bench's own admin session left out). */
  loginSessions: number;
  usersWithTwoActiveCodes: number;
}

const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

export function printReport(run: {
  ledger: Ledger;
  events: EventCounts;
  recovery: Recovery | null;
  elapsedSeconds: number;
  resetMethodsLeft: number;
  servers: { name: string; logLines: { atMs: number; line: string }[] }[];
  load1m: number;
}): boolean {
  const { ledger, events, recovery } = run;
  const problems: string[] = [];
  console.log(`\n## Two instances, one Postgres, mixed load (bench/load.ts)\n`);
  console.log(
    `- ${run.elapsedSeconds.toFixed(0)} s, ${ledger.answers.length.toLocaleString("en-US")} requests (${(ledger.answers.length / run.elapsedSeconds).toFixed(1)}/s); load average at the end ${run.load1m.toFixed(2)}`,
  );

  // Requests by status and instance.
  const statuses = new Map<string, Map<number, number>>();
  for (const [key, stats] of ledger.routes) {
    const instance = key.slice(key.lastIndexOf("@") + 1);
    const byStatus = statuses.get(instance) ?? new Map<number, number>();
    for (const [status, n] of stats.statuses) byStatus.set(status, (byStatus.get(status) ?? 0) + n);
    statuses.set(instance, byStatus);
  }
  const allStatuses = [...new Set([...statuses.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  console.log(`\nRequests by status (0 = no answer):\n`);
  console.log(`| instance | ${allStatuses.join(" | ")} |\n|---|${allStatuses.map(() => "---").join("|")}|`);
  for (const [instance, byStatus] of [...statuses].sort()) console.log(`| ${instance} | ${allStatuses.map((s) => byStatus.get(s) ?? 0).join(" | ")} |`);

  // Per route, both instances together.
  const routes = new Map<string, { ms: number[]; statuses: Map<number, number> }>();
  for (const [key, stats] of ledger.routes) {
    const route = key.slice(0, key.lastIndexOf(" @"));
    const r = routes.get(route) ?? { ms: [], statuses: new Map<number, number>() };
    r.ms.push(...stats.ms);
    for (const [status, n] of stats.statuses) r.statuses.set(status, (r.statuses.get(status) ?? 0) + n);
    routes.set(route, r);
  }
  console.log(`\n| route | requests | p50 ms | p95 ms | statuses |\n|---|---|---|---|---|`);
  for (const [route, r] of [...routes].sort((a, b) => b[1].ms.length - a[1].ms.length)) {
    const sorted = r.ms.sort((a, b) => a - b);
    console.log(
      `| ${route} | ${sorted.length} | ${percentile(sorted, 0.5).toFixed(0)} | ${percentile(sorted, 0.95).toFixed(0)} | ${[...r.statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}: ${n}`)
        .join(", ")} |`,
    );
  }

  // The injected fault.
  const failures = ledger.failures();
  if (recovery && ledger.fault) {
    const { startMs, endMs } = ledger.fault;
    console.log(
      `\nPostgres restarted at ${recovery.atSeconds.toFixed(0)} s: accepting connections again after ${(recovery.postgresBackMs / 1000).toFixed(1)} s; both instances ready after ${(recovery.readyMs / 1000).toFixed(1)} s`,
    );
    console.log(`- answered meanwhile with the fault (503, or no answer): ${ledger.faultAnswers()}`);
    for (const s of run.servers) {
      const during = s.logLines.filter((l) => l.atMs >= startMs && l.atMs <= (endMs ?? Date.now()) + 5_000);
      console.log(
        `- instance ${s.name} logged ${during.length} line(s) during the outage${
          during.length
            ? `: ${during
                .slice(0, 3)
                .map((l) => JSON.stringify(l.line.slice(0, 160)))
                .join("; ")}`
            : ""
        }`,
      );
    }
  } else console.log(`\nPostgres was not restarted.`);
  console.log(`- 5xx or lost answers that are not the injected fault: ${failures.length}`);
  if (failures.length) problems.push(`${failures.length} answers 5xx or lost outside the fault`);

  // The rules, round by round.
  console.log(`\n| rule across instances | rounds held | rounds skipped (the fault hit them) |\n|---|---|---|`);
  for (const [rule, c] of ledger.checks) console.log(`| ${rule} | ${c.held} | ${c.skipped} |`);
  if (ledger.violations.length) {
    problems.push(`${ledger.violations.length} violations`);
    console.log(`\nViolations:`);
    for (const v of ledger.violations.slice(0, 20)) console.log(`- ${v.slice(0, 400)}`);
  }

  // Every acknowledged action has its event: acknowledged ≤ events ≤ acknowledged + answers lost.
  console.log(`\n| action | acknowledged | answer lost | events in SQL | every acknowledged one has its event |\n|---|---|---|---|---|`);
  for (const action of Object.keys(events.byActivity) as Acknowledged[]) {
    const acked = ledger.acknowledged.get(action) ?? 0;
    const lost = ledger.unsure.get(action) ?? 0;
    const stored = events.byActivity[action];
    const exact = stored >= acked && stored <= acked + lost;
    if (!exact) problems.push(`${action}: ${acked} acknowledged, ${stored} events`);
    console.log(
      `| ${action === "LOGIN" || action === "API_CALL" ? `${action} (succeeded)` : action} | ${acked} | ${lost} | ${stored} | ${exact ? "yes" : "**no**"} |`,
    );
  }
  console.log(`\n- events in all: ${events.all.toLocaleString("en-US")}`);
  const sessionsMatch = events.loginSessions === events.byActivity.LOGIN;
  console.log(
    `- sessions made by logins: ${events.loginSessions} for ${events.byActivity.LOGIN} successful-login events: ${sessionsMatch ? "match" : "**MISMATCH**"}`,
  );
  console.log(`- users with two active temporary codes: ${events.usersWithTwoActiveCodes}`);
  console.log(`- verification methods left on users whose MFA reset was acknowledged: ${run.resetMethodsLeft}`);
  if (!sessionsMatch) problems.push("sessions and login events differ");
  if (events.usersWithTwoActiveCodes) problems.push("a user has two active codes");
  if (run.resetMethodsLeft !== 0) problems.push("a reset user kept a method");
  if (ledger.checks.size < 5) problems.push("a rule was never checked");

  console.log(
    problems.length ? `\n**FAILED**: ${problems.join("; ")}` : `\nPASSED: no 5xx outside the fault, every rule held, every acknowledged action has its event.`,
  );
  return problems.length === 0;
}
