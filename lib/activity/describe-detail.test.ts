import { describe, expect, it } from "vitest";
import { describeDetail, detailSummary, detailUserIds, DETAIL_PARTS_MAX, UNKNOWN_USER } from "./describe-detail";
import { DETAIL_TEXT_MAX_CHARS } from "./detail-values";

const ALICE = "0b5f2c8e-1d3a-4c6b-9e7f-1a2b3c4d5e6f";
const users = new Map([[ALICE, { name: "Alice Smith", username: "alice@acme.test" }]]);
const text = (parts: { label: string; text: string }[]) => parts.map((p) => `${p.label}: ${p.text}`);

describe("event detail as sentences", () => {
  it("settings changes name the setting and its unit, from → to", () => {
    const parts = describeDetail({
      activity: "SETTINGS_CHANGED",
      detail: {
        tempCodeMaxHours: { from: 12, to: 24 },
        requireMfaForUiLogins: { from: false, to: true },
        highAssuranceMethods: { from: ["TOTP"], to: ["TOTP", "WEBAUTHN"] },
        lockoutMinutes: { from: 15, to: 30 },
        passwordMinLength: { from: 12, to: 14 },
      },
    });
    expect(text(parts)).toEqual([
      "Require MFA for UI logins: Off → On",
      "Methods that give High Assurance: Authenticator app → Authenticator app, Security key / passkey",
      "Lockout period: 15 min → 30 min",
      "Longest temporary code expiry: 12 h → 24 h",
      "Shortest password: 12 characters → 14 characters",
    ]);
  });

  it("a user edit lists name, profile and permissions by their labels", () => {
    const parts = describeDetail({
      activity: "USER_UPDATED",
      detail: { name: { from: "Bob", to: "Bobby" }, profile: { from: "Standard User", to: "Help Desk" }, extraPermissions: { from: [], to: ["MANAGE_MFA"] } },
    });
    expect(text(parts)).toEqual([
      "Name: Bob → Bobby",
      "Profile: Standard User → Help Desk",
      "Extra permissions: none → Manage Multi-Factor Authentication in User Interface",
    ]);
  });

  it("a rename is the change itself", () => {
    expect(text(describeDetail({ activity: "METHOD_RENAMED", detail: { from: "Phone", to: "Work phone" } }))).toEqual(["Name: Phone → Work phone"]);
  });

  it("export filters name the user instead of the id, and the other filters by label", () => {
    const detail = { filters: { user: ALICE, status: "FAILED", activity: "LOGIN", from: "2026-11-01" }, format: "csv" };
    expect(detailUserIds(detail)).toEqual([ALICE]);
    expect(text(describeDetail({ activity: "HISTORY_EXPORTED", detail, users }))).toEqual([
      "Filters: User = Alice Smith (alice@acme.test), Status = Failed, Activity = Login, From = 2026-11-01",
      "Format: CSV",
    ]);
    expect(text(describeDetail({ activity: "HISTORY_EXPORTED", detail: { filters: {}, format: "csv" } }))[0]).toBe("Filters: none (the whole history)");
  });

  it("an id the page could not resolve is an unknown user, never the id", () => {
    const detail = { filters: { user: "9d1e2f3a-0000-4000-8000-000000000000" } };
    const [filters] = describeDetail({ activity: "HISTORY_EXPORTED", detail, users });
    expect(filters.text).toBe(`User = ${UNKNOWN_USER}`);
    expect(filters.text).not.toContain("9d1e2f3a");
  });

  it("approvals: the action, the requester by name (or a label), the reason and the decision; request ids stay in the JSON", () => {
    const detail = {
      requestId: "7c1f0000-0000-4000-8000-000000000001",
      action: "TEMP_CODE",
      requestedById: ALICE,
      reason: "Lost phone",
      decision: "approved",
      expiresInHours: 4,
      maxUses: null,
    };
    expect(text(describeDetail({ activity: "TEMP_CODE_GENERATED", detail, users }))).toEqual([
      "Request: Temporary verification code",
      "Requested by: Alice Smith (alice@acme.test)",
      "Decision: Approved",
      "Valid for: 4 h",
      "Uses allowed: Unlimited",
      "Reason: Lost phone",
    ]);
    expect(text(describeDetail({ activity: "MFA_RESET", detail: { requestedById: "operator (CLI)" } }))).toEqual(["Requested by: operator (CLI)"]);
  });

  it("temporary codes: expiry as a time shown in the reader's zone, uses and reason", () => {
    const parts = describeDetail({ activity: "TEMP_CODE_GENERATED", detail: { expiresAt: "2026-12-01T21:00:00.000Z", maxUses: 3, reason: "Travelling" } });
    expect(parts[0]).toEqual({ label: "Expires", text: "2026-12-01 21:00 UTC", at: "2026-12-01T21:00:00.000Z" });
    expect(text(parts).slice(1)).toEqual(["Uses allowed: 3", "Reason: Travelling"]);
  });

  it("MFA reset and session counts read as counts", () => {
    const parts = describeDetail({
      activity: "MFA_RESET",
      detail: { reason: "Stolen laptop", authenticatorApps: 1, securityKeys: 2, recoveryCodes: 10, tempCodesExpired: 0, sessionsRevoked: 1 },
    });
    expect(text(parts)).toEqual([
      "Reason: Stolen laptop",
      "Authenticator apps removed: 1 app",
      "Security keys removed: 2 keys",
      "Recovery codes removed: 10 codes",
      "Temporary codes expired: 0 codes",
      "Sessions ended: 1 session",
    ]);
    expect(text(describeDetail({ activity: "SESSION_REVOKED", detail: { sessionId: "x", by: "self", all: true } }))).toEqual([
      "Done by: The user, from My security",
      "Part of: Ending all other sessions",
    ]);
  });

  it("API tokens and API calls: the token by name, scopes, the request and its answer", () => {
    expect(
      text(
        describeDetail({ activity: "API_TOKEN_CREATED", detail: { id: "t1", name: "CI sync", prefix: "mfa_ab12", scopes: ["users:read"], expiresAt: null } }),
      ),
    ).toEqual(["Name: CI sync", "Expires: Never", "Token prefix: mfa_ab12", "Scopes: users:read"]);
    expect(
      text(
        describeDetail({
          activity: "API_CALL",
          detail: { operation: "listUsers", route: "GET /api/v1/users", status: 200, via: { id: "t1", name: "CI sync" } },
        }),
      ),
    ).toEqual(["Operation: listUsers", "Request: GET /api/v1/users", "Answered: HTTP 200", "Via: API token “CI sync”"]);
  });

  it("webhooks: the endpoint's URL, the events it gets, what changed", () => {
    expect(
      text(
        describeDetail({
          activity: "WEBHOOK_CREATED",
          detail: { endpoint: { id: "e1", url: "https://hooks.acme.test/mfa" }, description: "SIEM", activities: ["LOGIN", "LOCKOUT"], active: true },
        }),
      ),
    ).toEqual(["Endpoint: https://hooks.acme.test/mfa", "Description: SIEM", "Events sent: Login, Locked out", "Active: Yes"]);
    expect(
      text(describeDetail({ activity: "WEBHOOK_UPDATED", detail: { endpoint: { id: "e1", url: "https://h.test" }, changed: ["url", "activities"] } }))[1],
    ).toBe("Changed: Url, Activities");
  });

  it("logins, step-ups, lockouts and registrations", () => {
    expect(text(describeDetail({ activity: "PASSWORD_VERIFIED", detail: { next: "TOTP" } }))).toEqual(["Next step: Authenticator app"]);
    expect(text(describeDetail({ activity: "STEP_UP", detail: { factor: "Work phone", highAssuranceUntil: "2026-12-01T20:30:00.000Z" } }))[0]).toBe(
      "App used: Work phone",
    );
    expect(text(describeDetail({ activity: "LOGIN", detail: { next: "session" } }))).toEqual(["Next step: Logged in (no second factor asked)"]);
    expect(text(describeDetail({ activity: "LOGIN", detail: { via: "registration", name: "YubiKey" } }))).toEqual([
      "Name: YubiKey",
      "Via: Registering the method at login",
    ]);
    expect(
      text(describeDetail({ activity: "STEP_UP", detail: { key: "YubiKey", userVerified: true, highAssuranceUntil: "2026-12-01T20:30:00.000Z" } })),
    ).toEqual(["Key used: YubiKey", "User verified on the key: Yes", "High Assurance until: 2026-12-01 20:30 UTC"]);
    expect(text(describeDetail({ activity: "LOCKOUT", detail: { failedAttempts: 5, lockedUntil: "2026-12-01T20:15:00.000Z" } }))).toEqual([
      "Failed attempts: 5 attempts",
      "Locked until: 2026-12-01 20:15 UTC",
    ]);
    expect(text(describeDetail({ activity: "METHOD_REGISTERED", detail: { name: "Pixel", deviceType: "multiDevice", by: "self" } }))[1]).toBe(
      "Kind of key: Passkey (synced)",
    );
    expect(text(describeDetail({ activity: "ACCOUNT_ACTIVATED", detail: { purpose: "new-user" } }))).toEqual(["Purpose: First password of a new account"]);
    expect(
      text(describeDetail({ activity: "USER_UPDATED", detail: { profile: "Admins", requiredLevelAtLogin: { from: "STANDARD", to: "HIGH_ASSURANCE" } } }))[1],
    ).toBe("Required level at login: Standard → High Assurance");
  });

  it("unknown keys read as words and values, never as JSON", () => {
    const parts = describeDetail({ activity: "LOGIN", detail: { someNewKey: { nested: { deeper: [1, "two", { x: true }] } }, alertThresholdMinutes: 5 } });
    expect(text(parts)).toEqual(["Some new key: Nested: Deeper: 1, two, …", "Alert threshold minutes: 5"]);
    expect(parts.map((p) => p.text).join()).not.toMatch(/[{}"]/);
    expect(text(describeDetail({ activity: "LOGIN", detail: ["a", 2] }))).toEqual(["Detail: a, 2"]);
  });

  it("hostile values: a 1 MB reason is cut, control characters and NUL go, a thousand keys are capped", () => {
    const [reason] = describeDetail({ activity: "MFA_RESET", detail: { reason: "x".repeat(1_000_000) } });
    expect(reason.text.length).toBe(DETAIL_TEXT_MAX_CHARS);
    expect(reason.text.endsWith("…")).toBe(true);
    const [nul] = describeDetail({ activity: "MFA_RESET", detail: { reason: "a\u0000b\u001b[31mc\n" } });
    expect(nul.text).toBe("a b [31mc");
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    const parts = describeDetail({ activity: "LOGIN", detail: many });
    expect(parts).toHaveLength(DETAIL_PARTS_MAX + 1);
    expect(parts.at(-1)).toEqual({ label: "More", text: `${1000 - DETAIL_PARTS_MAX} more values in the raw JSON` });
    const [key] = describeDetail({ activity: "LOGIN", detail: { ["\u0000evil_key"]: "v" } });
    expect(key.label).toBe("Evil key");
  });

  it("keys and values that name Object's own properties are plain text, not prototype lookups", () => {
    const detail = JSON.parse('{"constructor": "x", "__proto__": {"toString": 1}, "decision": "hasOwnProperty", "filters": {"constructor": "toString"}}');
    for (const activity of ["SETTINGS_CHANGED", "LOGIN"] as const) {
      const parts = describeDetail({ activity, detail });
      expect(parts.every((p) => typeof p.label === "string" && typeof p.text === "string")).toBe(true);
      expect(text(parts)).toEqual(["Decision: hasOwnProperty", "Filters: Constructor = toString", "Constructor: x", "Proto: To string: 1"]);
    }
  });

  it("no detail, no parts; a summary joins them for the table", () => {
    expect(describeDetail({ activity: "LOGOUT", detail: null })).toEqual([]);
    expect(detailSummary(describeDetail({ activity: "SESSION_REVOKED", detail: { sessions: 2 } }))).toBe("Sessions ended: 2 sessions");
  });
});
