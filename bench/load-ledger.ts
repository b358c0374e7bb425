// What bench/load.ts saw: every answer by route, instance and status with its time; the actions
// the instances acknowledged (each must have its event); the rule checks of each round and what
// broke them; and the injected fault's window, so a 503 inside it is the fault and one outside it
// a failure.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
// In-flight requests when Postgres came back may still answer from the gap a moment later.
const FAULT_TAIL_MS = 3_000;

export type Acknowledged = "LOGIN" | "TEMP_CODE_GENERATED" | "TEMP_CODE_EXPIRED" | "MFA_RESET" | "SESSION_REVOKED" | "HISTORY_EXPORTED" | "API_CALL";

interface RouteStats {
  statuses: Map<number, number>;
  ms: number[];
}

interface Answer {
  atMs: number;
  status: number;
}

export class Ledger {
  readonly routes = new Map<string, RouteStats>();
  readonly answers: Answer[] = [];
  readonly acknowledged = new Map<Acknowledged, number>();
  /** Actions whose answer was lost (no answer, or the fault's 503): done or not, nobody knows. */
  readonly unsure = new Map<Acknowledged, number>();
  readonly checks = new Map<string, { held: number; skipped: number }>();
  readonly violations: string[] = [];
  fault: { startMs: number; endMs: number | null } | null = null;

  record(instance: string, method: string, path: string, status: number, ms: number): void {
    const route = `${method} ${path.split("?")[0]!.replace(UUID, "{id}")}`;
    const key = `${route} @${instance}`;
    const stats: RouteStats = this.routes.get(key) ?? { statuses: new Map(), ms: [] };
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    stats.ms.push(ms);
    this.routes.set(key, stats);
    this.answers.push({ atMs: Date.now(), status });
  }

  acknowledge(action: Acknowledged, count = 1): void {
    this.acknowledged.set(action, (this.acknowledged.get(action) ?? 0) + count);
  }

  lost(action: Acknowledged, count = 1): void {
    this.unsure.set(action, (this.unsure.get(action) ?? 0) + count);
  }

  /** True while the fault lasts (and a moment after), when lost answers are expected. */
  inFault(atMs = Date.now()): boolean {
    return this.fault !== null && atMs >= this.fault.startMs && (this.fault.endMs === null || atMs <= this.fault.endMs + FAULT_TAIL_MS);
  }

  /** A rule checked by one round: held, broken (with what was seen), or not judged because the fault hit the round. */
  check(rule: string, outcome: { held: boolean; seen?: string } | "skipped"): void {
    const c = this.checks.get(rule) ?? { held: 0, skipped: 0 };
    if (outcome === "skipped") c.skipped++;
    else if (outcome.held) c.held++;
    else this.violations.push(`${rule}: ${outcome.seen ?? "broken"}`);
    this.checks.set(rule, c);
  }

  /** Answers that are failures: any 5xx or lost answer, except 503s and lost answers during the fault. */
  failures(): Answer[] {
    return this.answers.filter((a) => (a.status === 0 || a.status >= 500) && !((a.status === 503 || a.status === 0) && this.inFault(a.atMs)));
  }

  faultAnswers(): number {
    return this.answers.filter((a) => (a.status === 503 || a.status === 0) && this.inFault(a.atMs)).length;
  }
}
