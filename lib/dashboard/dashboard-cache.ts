// The Setup home's figures, computed at most once a minute per org and process: an overview a few
// seconds old is as useful, and at 100,000 users and 1,000,000 events each computation reads the
// whole org (issue 11). A figure past its minute is still answered at once while one refresh runs
// behind it (stale-while-revalidate); a failed refresh is not kept, the next view tries again.
/** MFA_DASHBOARD_REFRESH_SECONDS (default 60; 0 computes every view, as the e2e run does). */
export const DASHBOARD_FRESH_MS = 1000 * Number(process.env.MFA_DASHBOARD_REFRESH_SECONDS ?? 60);
const MAX_ORGS = 1_000;

interface Entry<T> {
  value: T;
  computedAtMs: number;
  refreshing?: Promise<void>;
}

const entries = new Map<string, Entry<unknown>>();
const pending = new Map<string, Promise<Entry<unknown>>>();

export async function cachedFigures<T>(
  key: string,
  compute: () => Promise<T>,
  opts: { nowMs?: number; freshMs?: number } = {},
): Promise<{ value: T; computedAtMs: number }> {
  const nowMs = opts.nowMs ?? Date.now();
  const freshMs = opts.freshMs ?? DASHBOARD_FRESH_MS;
  if (!(freshMs > 0)) return { value: await compute(), computedAtMs: nowMs };
  const entry = entries.get(key) as Entry<T> | undefined;
  if (entry) {
    if (nowMs - entry.computedAtMs > freshMs && !entry.refreshing) {
      entry.refreshing = compute().then(
        (value) => void entries.set(key, { value, computedAtMs: Date.now() }),
        () => void (entry.refreshing = undefined),
      );
    }
    return entry;
  }
  // Views arriving together while nothing is cached wait for one computation, not one each.
  let first = pending.get(key) as Promise<Entry<T>> | undefined;
  if (!first) {
    first = compute().then((value) => {
      if (entries.size >= MAX_ORGS) entries.delete(entries.keys().next().value!);
      const made = { value, computedAtMs: Date.now() };
      entries.set(key, made);
      return made;
    });
    pending.set(key, first);
    first.finally(() => pending.delete(key)).catch(() => undefined);
  }
  return first;
}
