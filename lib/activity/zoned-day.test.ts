import { describe, expect, it } from "vitest";
import { endOfZonedDay, isTimeZone, startOfZonedDay } from "./zoned-day";

describe("zoned days", () => {
  it("turns a calendar day in a zone into its UTC start and exclusive end", () => {
    expect(startOfZonedDay("2026-03-02", "UTC").toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(startOfZonedDay("2026-03-02", "Asia/Tokyo").toISOString()).toBe("2026-03-01T15:00:00.000Z");
    expect(endOfZonedDay("2026-03-02", "America/New_York").toISOString()).toBe("2026-03-03T05:00:00.000Z");
    expect(endOfZonedDay("2026-12-31", "UTC").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("gets daylight-saving days right (23 and 25 hours)", () => {
    const spring = endOfZonedDay("2026-03-29", "Europe/Paris").getTime() - startOfZonedDay("2026-03-29", "Europe/Paris").getTime();
    const autumn = endOfZonedDay("2026-10-25", "Europe/Paris").getTime() - startOfZonedDay("2026-10-25", "Europe/Paris").getTime();
    expect(spring / 3_600_000).toBe(23);
    expect(autumn / 3_600_000).toBe(25);
    expect(startOfZonedDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
  });

  it("knows a real zone from a made-up one", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
