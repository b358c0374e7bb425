// Whether Postgres can be reached, as this process last saw it (issue 11: faults). The pool marks
// it down on a connection error and up on the next connection it gets; meanwhile the server
// answers 503 with Retry-After instead of 500 (scripts/server.mjs reads the same flag: the custom
// server and Next.js share one process), readiness says so, and the errors an outage causes are
// logged once — not one stack trace per request (a restart cost ~8,000 lines in 20 s).
type Log = (...args: unknown[]) => void;
const state = globalThis as unknown as { __mfaDbUnavailableSince?: number | null; __mfaDbSuppressed?: number; __mfaConsoleFilter?: Log; __mfaConsoleError?: Log };

// Connection-level failures: the network, and Postgres refusing or ending sessions (class 08,
// 57P01–57P03 admin shutdown / crash shutdown / cannot connect now).
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EPIPE", "57P01", "57P02", "57P03"]);
const CONNECTION_MESSAGES = /ECONNREFUSED|ECONNRESET|Connection terminated|terminating connection|the database system is (starting up|shutting down)|Can't reach database|connect ETIMEDOUT/i;

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
  (state.__mfaConsoleError ?? console.error)(`[db] Postgres reachable again after ${((Date.now() - since) / 1000).toFixed(1)} s (${state.__mfaDbSuppressed ?? 0} error logs of the outage left out)`);
}

/** While the database is down, the errors that say only that are counted instead of printed. Returns the unfiltered log. */
function filterOutageErrors(): Log {
  if (state.__mfaConsoleFilter && console.error === state.__mfaConsoleFilter) return state.__mfaConsoleError!;
  const original: Log = console.error.bind(console);
  const filter: Log = (...args) => {
    if (databaseUnavailable() && args.some((a) => isConnectionError(a) || (typeof a === "string" && CONNECTION_MESSAGES.test(a)))) {
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
