import { describe, expect, it } from "vitest";
import { cachedFigures } from "./dashboard-cache";

describe("the dashboard's figures cache", () => {
  it("computes once for views that arrive together, then answers from the cache while fresh", async () => {
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 20));
      return { n: computed };
    };
    const t0 = Date.now();
    const views = await Promise.all(Array.from({ length: 10 }, () => cachedFigures("k1", compute, { nowMs: t0, freshMs: 60_000 })));
    expect(computed).toBe(1);
    expect(views.every((v) => v.value.n === 1)).toBe(true);
    expect((await cachedFigures("k1", compute, { nowMs: t0 + 59_000, freshMs: 60_000 })).value.n).toBe(1);
    expect(computed).toBe(1);
  });

  it("answers a stale figure at once and refreshes it behind, once", async () => {
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    const t0 = Date.now();
    await cachedFigures("k2", compute, { nowMs: t0, freshMs: 1_000 });
    const stale = await Promise.all([1, 2, 3].map(() => cachedFigures("k2", compute, { nowMs: t0 + 5_000, freshMs: 1_000 })));
    expect(stale.map((s) => s.value.n)).toEqual([1, 1, 1]);
    expect(computed).toBe(2);
    await new Promise((r) => setTimeout(r, 10));
    expect((await cachedFigures("k2", compute, { freshMs: 60_000 })).value.n).toBe(2);
  });

  it("keeps no failure: the next view computes again", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error("database down");
    };
    await expect(cachedFigures("k3", failing, { freshMs: 60_000 })).rejects.toThrow("database down");
    await expect(cachedFigures("k3", async () => ({ ok: true }), { freshMs: 60_000 })).resolves.toMatchObject({ value: { ok: true } });
    expect(calls).toBe(1);
  });

  it("computes every view when the refresh interval is 0", async () => {
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    await cachedFigures("k4", compute, { freshMs: 0 });
    await cachedFigures("k4", compute, { freshMs: 0 });
    expect(computed).toBe(2);
  });
});
