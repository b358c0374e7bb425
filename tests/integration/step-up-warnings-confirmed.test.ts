// S2: a settings save that leaves a login method without High Assurance (or recovery codes as the
// only step-up) is refused unless the admin confirmed exactly those warnings — nothing changes,
// no event — and goes through once confirmed.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { securitySettingsSchema, updateSecuritySettings } from "@/lib/orgs/security-settings";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const admin = () => demo.users["admin@acme.test"]!;
const scoped = () => ({ orgDb: forOrg(t.db, admin().orgId), orgId: admin().orgId, actor: { id: admin().id }, context: ctx });
const settings = () => t.db.orgSettings.findUniqueOrThrow({ where: { orgId: admin().orgId } });
const events = () => t.db.verificationEvent.count({ where: { activity: "SETTINGS_CHANGED" } });

async function inputWithMethods(methods: string[]) {
  const current = await settings();
  return securitySettingsSchema.parse({
    ...current,
    requireMfaForUiLogins: current.requireMfaForUiLogins ? "on" : "",
    historyRequiresHighAssurance: current.historyRequiresHighAssurance ? "on" : "",
    requireSecondAdminForAdminReset: current.requireSecondAdminForAdminReset ? "on" : "",
    highAssuranceMethods: methods,
  });
}

describe("step-up warnings must be confirmed before they are saved", () => {
  it("refuses unticking the authenticator app without the confirmation, changing nothing", async () => {
    const input = await inputWithMethods(["WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"]);
    const before = await events();
    expect(await updateSecuritySettings({ ...scoped(), input })).toEqual({ ok: false, code: "STEP_UP_WARNINGS_UNCONFIRMED" });
    expect(await updateSecuritySettings({ ...scoped(), input, stepUpConfirmation: "RECOVERY_CODES_ONLY" })).toEqual({
      ok: false,
      code: "STEP_UP_WARNINGS_UNCONFIRMED",
    });
    expect((await settings()).highAssuranceMethods).toEqual(["TOTP", "WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"]);
    expect(await events()).toBe(before);
  });

  it("saves it once confirmed, and a later save of other settings asks nothing again", async () => {
    const input = await inputWithMethods(["WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"]);
    expect(await updateSecuritySettings({ ...scoped(), input, stepUpConfirmation: "LOGIN_STANDARD:TOTP" })).toEqual({
      ok: true,
      changed: ["highAssuranceMethods"],
    });
    expect((await settings()).highAssuranceMethods).toEqual(["WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"]);
    const next = { ...(await inputWithMethods(["WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"])), lockoutMinutes: 20 };
    expect(await updateSecuritySettings({ ...scoped(), input: next })).toEqual({ ok: true, changed: ["lockoutMinutes"] });
  });

  it("a confirmation of the first warning does not cover the next: recovery codes as the only step-up", async () => {
    const input = await inputWithMethods(["TEMP_CODE", "RECOVERY_CODE"]);
    expect(await updateSecuritySettings({ ...scoped(), input, stepUpConfirmation: "LOGIN_STANDARD:TOTP" })).toEqual({
      ok: false,
      code: "STEP_UP_WARNINGS_UNCONFIRMED",
    });
    expect(await updateSecuritySettings({ ...scoped(), input, stepUpConfirmation: "LOGIN_STANDARD:WEBAUTHN,RECOVERY_CODES_ONLY" })).toMatchObject({ ok: true });
    // Ticking methods back in warns about nothing.
    expect(await updateSecuritySettings({ ...scoped(), input: await inputWithMethods(["TOTP", "WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"]) })).toMatchObject({
      ok: true,
    });
  });
});
