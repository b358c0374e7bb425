import { describe, expect, it } from "vitest";
import { cachedSessionToken, rememberSessionToken } from "./session-cookie-cache";

describe("the cookie → session token memo", () => {
  it("answers only for the exact cookie string, and only until the JWT's own expiry", () => {
    rememberSessionToken("cookie-a", { sid: "sid-a", expiresAtMs: 2_000 });
    expect(cachedSessionToken("cookie-a", 1_999)).toBe("sid-a");
    expect(cachedSessionToken("cookie-a ", 1_000)).toBeNull();
    expect(cachedSessionToken("cookie-A", 1_000)).toBeNull();
    expect(cachedSessionToken("cookie-a", 2_000)).toBeNull();
    // Expired entries are dropped, not kept for later.
    expect(cachedSessionToken("cookie-a", 1_000)).toBeNull();
  });

  it("stays bounded: the oldest cookie goes first", () => {
    rememberSessionToken("first", { sid: "s0", expiresAtMs: Infinity });
    for (let i = 1; i <= 10_000; i++) rememberSessionToken(`c${i}`, { sid: `s${i}`, expiresAtMs: Infinity });
    expect(cachedSessionToken("first", 0)).toBeNull();
    expect(cachedSessionToken("c10000", 0)).toBe("s10000");
  });
});
