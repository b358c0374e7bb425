// Whether Postgres can be reached, as this process last saw it (issue 11: faults). The pool marks
// it down on a connection error and up on the next connection it gets; meanwhile the server
// answers 503 with Retry-After instead of 500 (scripts/server.mjs reads the same flag: the custom
// server and Next.js share one process), readiness says so, and the errors an outage causes are
// logged once — not one stack trace per request (a restart cost ~8,000 lines in 20 s).
type Log = (...args: unknown[]) => void;
const state = globalThis as unknown as {
  __mfaDbUnavailableSince?: number | null;
  __mfaDbAvailableAgainAtMs?: number;
  __mfaDbSuppressed?: number;
  __mfaConsoleFilter?: Log;
  __mfaConsoleError?: Log;
};

// Connection-level failures: the network, and Postgres refusing or ending sessions (class 08,
// 57P01–57P03 admin shutdown / crash shutdown / cannot connect now).
// Prisma's P1001/P1002/P1017: can't reach, timed out, the server closed the connection.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "P1001",
  "P1002",
  "P1017",
]);
// pg's "not queryable" is a client whose connection broke being used again (a rollback after the failed query).
const CONNECTION_MESSAGES =
  /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|the database system is (starting up|shutting down)|Can't reach database|connect ETIMEDOUT|Server has closed the connection|connection error and is not queryable/i;
// Requests that were in flight when Postgres came back still fail from the outage for a moment.
const OUTAGE_TAIL_MS = 10_000;

export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (typeof e.code === "string" && (CONNECTION_CODES.has(e.code) || e.code.startsWith("08"))) return true;
  if (typeof e.message === "string" && CONNECTION_MESSAGES.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isConnectionError(e.cause);
}

export function databaseUnavailable(): boolean {
  return Boolean(state.__mfaDbUnavailableSince);
}

export function markDatabaseUnavailable(error: unknown): void {
  if (state.__mfaDbUnavailableSince) return;
  state.__mfaDbUnavailableSince = Date.now();
  state.__mfaDbSuppressed = 0;
  const print = filterOutageErrors();
  const e = error as { code?: string; message?: string };
  print(`[db] Postgres can't be reached (${e?.code ?? e?.message ?? "connection error"}): answering 503 until it is back`);
}

export function markDatabaseAvailable(): void {
  const since = state.__mfaDbUnavailableSince;
  if (!since) return;
  state.__mfaDbUnavailableSince = null;
  // scripts/server.mjs: a request that began before this moment may still fail from the outage.
  state.__mfaDbAvailableAgainAtMs = Date.now();
  (state.__mfaConsoleError ?? console.error)(
    `[db] Postgres reachable again after ${((Date.now() - since) / 1000).toFixed(1)} s (${state.__mfaDbSuppressed ?? 0} error logs of the outage left out)`,
  );
}

/** While the database is down, the errors that say only that are counted instead of printed. Returns the unfiltered log. */
function filterOutageErrors(): Log {
  if (state.__mfaConsoleFilter && console.error === state.__mfaConsoleFilter) return state.__mfaConsoleError!;
  const original: Log = console.error.bind(console);
  const filter: Log = (...args) => {
    const inOutage = databaseUnavailable() || Date.now() - (state.__mfaDbAvailableAgainAtMs ?? 0) < OUTAGE_TAIL_MS;
    if (inOutage && args.some((a) => isConnectionError(a) || (typeof a === "string" && CONNECTION_MESSAGES.test(a)))) {
      state.__mfaDbSuppressed = (state.__mfaDbSuppressed ?? 0) + 1;
      return;
    }
    original(...args);
  };
  state.__mfaConsoleError = original;
  state.__mfaConsoleFilter = filter;
  console.error = filter;
  return original;
}
