// A query allowed a few milliseconds only: Postgres cancels it past the budget (SET LOCAL
// statement_timeout, in a transaction of its own, so nothing else is cancelled) and the caller
// takes another way. Used where the fast plan is a gamble (docs/decisions/008).
import type { OrgDb, OrgTx } from "./tenant";

/** The query's result, or null when Postgres cancelled it past `budgetMs`. */
export async function withinBudget<T>(orgDb: OrgDb, budgetMs: number, run: (tx: OrgTx) => Promise<T>): Promise<T | null> {
  try {
    return await orgDb.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.trunc(budgetMs)}`);
      return run(tx);
    });
  } catch (error) {
    if (cancelledByTimeout(error)) return null;
    throw error;
  }
}

function cancelledByTimeout(error: unknown): boolean {
  let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (e.code === "57014" || (typeof e.message === "string" && e.message.includes("statement timeout"))) return true;
  }
  return false;
}
