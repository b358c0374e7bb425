// Postgres may abort a transaction that lost a deadlock or a serialization check (40P01, 40001;
// Prisma's P2034). Lock order (the user row first, docs/decisions/009) makes that rare, not
// impossible; a transaction whose every write is conditional is safe to run once more.
export const TRANSACTION_RETRIES = 1;

export function isRetryableTransactionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, originalCode, message } = e as { code?: unknown; originalCode?: unknown; message?: unknown };
    if (code === "P2034" || code === "40P01" || code === "40001" || originalCode === "40P01" || originalCode === "40001") return true;
    if (typeof message === "string" && /deadlock detected|could not serialize access/.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs `fn` (one whole transaction), and once more if Postgres aborted it for a deadlock. */
export async function retryOnDeadlock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= TRANSACTION_RETRIES || !isRetryableTransactionError(error)) throw error;
    }
  }
}
