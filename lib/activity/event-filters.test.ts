// History filters (issue 8, point 5): far and impossible dates are refused with a message — the
// page leaves them out and says so, the export refuses them — instead of reaching SQL as NaN.
import { describe, expect, it } from "vitest";
import { checkEventFilters, parseEventFilters } from "./event-filters";

describe("history date filters", () => {
  it.each([
    ["9999-12-31", "Pick a date between 2000-01-01 and 2099-12-31."],
    ["0000-01-01", "Pick a date between 2000-01-01 and 2099-12-31."],
    ["2026-02-30", "That date doesn't exist."],
    ["2026-1-5", "Enter the date as YYYY-MM-DD."],
  ])("refuses to=%s", (to, message) => {
    expect(checkEventFilters(new URLSearchParams({ to }))).toEqual({ filters: {}, problems: { to: message } });
  });
  it("keeps the valid filters beside a bad one, and refuses a filter given twice", () => {
    const { filters, problems } = checkEventFilters(new URLSearchParams("status=FAILED&from=2026-11-01&from=2026-11-02&tz=%00"));
    expect(filters).toEqual({ status: "FAILED" });
    expect(Object.keys(problems).sort()).toEqual(["from", "tz"]);
    expect(parseEventFilters({ from: "2026-11-01", to: "2026-11-30" })).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  });
});
