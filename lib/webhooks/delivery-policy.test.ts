import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, outcomeOf, retryDelayMs } from "./delivery-policy";

describe("webhook retry schedule", () => {
  it("grows from 5 s to 24 h with jitter, whatever the random draw, then stops", () => {
    for (const draw of [0, 0.5, 0.999]) {
      const delays = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, () => draw)!);
      expect(delays.every((d, i) => i === 0 || d > delays[i - 1]!)).toBe(true);
      expect(delays[0]).toBeGreaterThanOrEqual(4_000);
      expect(delays.at(-1)).toBeLessThanOrEqual(24 * 3600 * 1000 * 1.2);
    }
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
  });
  it("counts only 2xx as delivered and 410 as gone", () => {
    expect([200, 204, 299].map(outcomeOf)).toEqual(["delivered", "delivered", "delivered"]);
    expect([301, 400, 500, null].map(outcomeOf)).toEqual(["retry", "retry", "retry", "retry"]);
    expect(outcomeOf(410)).toBe("gone");
  });
});
