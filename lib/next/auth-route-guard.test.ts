// next-auth's callbackUrl may only name this console (issue 8, point 5): anything else — another
// site, a protocol-relative path, a string that does not parse — is refused before next-auth,
// which would answer 500.
import { describe, expect, it } from "vitest";
import { isOwnCallbackUrl } from "./auth-route-guard";

describe("callback URLs", () => {
  it.each(["/", "/setup/users?q=a", "http://localhost:3000/login"])("accepts %s", (url) => expect(isOwnCallbackUrl(url)).toBe(true));
  it.each(["http://[::1", "http://\u0000evil", "https://evil.test/", "//evil.test/x", "/\\evil.test", "javascript:alert(1)", "/\u0000x"])("refuses %j", (url) =>
    expect(isOwnCallbackUrl(url)).toBe(false),
  );
});
