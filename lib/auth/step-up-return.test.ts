import { describe, expect, it } from "vitest";
import { safeReturnPath, stepUpPath, STEP_UP_FALLBACK_PATH } from "./step-up-return";

describe("safeReturnPath (open redirect)", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeReturnPath("/setup/users")).toBe("/setup/users");
    expect(safeReturnPath("/account/security?confirm=regenerate-codes")).toBe("/account/security?confirm=regenerate-codes");
    expect(safeReturnPath("/setup/users/4f1c?tab=methods#temp-code")).toBe("/setup/users/4f1c?tab=methods#temp-code");
    expect(safeReturnPath("/")).toBe("/");
  });

  it.each([
    ["missing", undefined],
    ["null", null],
    ["empty", ""],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with path", "//evil.example/setup/users"],
    ["backslash authority", "/\\evil.example"],
    ["backslashes only", "\\\\evil.example"],
    ["backslash later in the path", "/setup\\..\\\\evil.example"],
    ["absolute https URL", "https://evil.example/setup/users"],
    ["absolute URL of this site too", "http://localhost:3000/setup/users"],
    ["javascript scheme", "javascript:alert(1)"],
    ["data scheme", "data:text/html,<script>alert(1)</script>"],
    ["scheme without slashes", "https:evil.example"],
    ["relative path", "setup/users"],
    ["tab that browsers drop", "/\t/evil.example"],
    ["newline that browsers drop", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["leading space", " /setup/users"],
    ["overlong", `/${"a".repeat(5000)}`],
    ["the step-up page itself", "/verify/step-up?next=/setup/users"],
  ])("refuses %s", (_name, next) => {
    expect(safeReturnPath(next)).toBe(STEP_UP_FALLBACK_PATH);
  });

  it("keeps percent-encoded slashes as a path on this site", () => {
    // Decoded once by the query string already; a browser does not decode %2F into an authority.
    expect(safeReturnPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(new URL(safeReturnPath("/%2F%2Fevil.example"), "https://console.example").host).toBe("console.example");
  });

  it("normalises dot segments, and refuses those that collapse into another site", () => {
    expect(safeReturnPath("/setup/users/../activity")).toBe("/setup/activity");
    // Resolves to the path "//evil.example", which a browser reads as another host.
    expect(safeReturnPath("/setup/../../..//evil.example")).toBe(STEP_UP_FALLBACK_PATH);
    expect(safeReturnPath("/./..//evil.example")).toBe(STEP_UP_FALLBACK_PATH);
  });
});

describe("stepUpPath", () => {
  it("round-trips through the query string", () => {
    const path = stepUpPath("/account/security?confirm=regenerate-codes");
    expect(path).toBe("/verify/step-up?next=%2Faccount%2Fsecurity%3Fconfirm%3Dregenerate-codes");
    const next = new URL(path, "https://console.example").searchParams.get("next");
    expect(safeReturnPath(next)).toBe("/account/security?confirm=regenerate-codes");
  });
});
