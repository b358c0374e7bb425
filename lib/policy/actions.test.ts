// The one policy table (issue 8, points 4 and 6): every action that removes or bypasses factors
// carries the second-administrator rule; every admin action that changes a user — single or bulk,
// revoke, unlock, deactivate included — asks for High Assurance; a delegate does MFA only (A9).
import { describe, expect, it } from "vitest";
import { ACTIONS, APPROVAL_ACTIONS, capabilities, permits, type Action } from "./actions";

describe("the policy table", () => {
  it("puts every way around an administrator's factors behind the second-administrator rule", () => {
    const ruled = (Object.keys(ACTIONS) as Action[]).filter((a) => "secondAdminApproval" in ACTIONS[a]);
    expect(ruled.sort()).toEqual(["bulk.reset-mfa", "bulk.reset-password", "method.disconnect", "mfa.reset", "password.reset", "temp-code.generate"]);
  });
  it("has a request of each kind decided only by someone allowed its own action (B3, W2)", () => {
    for (const [kind, action] of Object.entries(APPROVAL_ACTIONS)) expect("secondAdminApproval" in ACTIONS[action], kind).toBe(true);
    const delegate = new Set(["MANAGE_MFA"] as const);
    expect(permits(delegate, APPROVAL_ACTIONS.RESET_MFA)).toBe(true);
    expect(permits(delegate, APPROVAL_ACTIONS.RESET_PASSWORD)).toBe(false);
  });
  it("asks for High Assurance for every change to a user, single or bulk", () => {
    for (const action of [
      "sessions.revoke",
      "user.unlock",
      "user.set-active",
      "bulk.revoke-sessions",
      "bulk.expire-temp-codes",
      "bulk.reset-mfa",
      "bulk.reset-password",
      "mfa.reset",
      "password.reset",
      "method.disconnect",
      "temp-code.generate",
      "user.create",
      "user.update",
    ] as const) {
      expect(ACTIONS[action].highAssurance, action).toBe(true);
    }
  });
  it("lets a delegate do A3–A7 and a support agent only read (A9)", () => {
    const delegate = capabilities(new Set(["MANAGE_MFA"]));
    expect(delegate["temp-code.generate"] && delegate["mfa.reset"] && delegate["sessions.revoke"]).toBe(true);
    expect(delegate["user.create"] || delegate["user.unlock"] || delegate["settings.update"]).toBe(false);
    const support = new Set(["VIEW_VERIFICATION_ACTIVITY"] as const);
    expect((Object.keys(ACTIONS) as Action[]).filter((a) => permits(support, a)).sort()).toEqual(["console.view", "history.export", "history.view"]);
  });
});
