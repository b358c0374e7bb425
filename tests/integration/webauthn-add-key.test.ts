// SPEC B7, L5: "Add security key or passkey" on My security. The registration is bound to the
// signed-in session (its challenge is the session's, single use), stores the key for the session's
// own user only, under the chosen name, with exactly one METHOD_REGISTERED event; a Standard
// session of a user who already has a method cannot add one without stepping up; a credential id
// held anywhere else is never taken over. The new key then works for step-up.
import "../helpers/env";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { SoftAuthenticator } from "../helpers/soft-authenticator";
import { addKey, storedKey } from "../helpers/webauthn";
import { sessionFor } from "../helpers/sessions";
import { forOrg } from "@/lib/db/tenant";
import { beginKeyRegistration } from "@/lib/mfa/webauthn/begin-key-registration";
import { confirmKeyRegistration } from "@/lib/mfa/webauthn/confirm-key-registration";
import { beginWebAuthnStepUp } from "@/lib/mfa/webauthn/begin-webauthn-step-up";
import { stepUpWithWebAuthn } from "@/lib/auth/step-up-with-webauthn";
import { listMyMethods } from "@/lib/account/list-my-methods";
import { renameMyMethod } from "@/lib/account/rename-my-method";
import { removeMyMethod } from "@/lib/account/remove-my-method";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const user = (username: string) => demo.users[username]!;
function as(username: string, sessionId: string) {
  const u = user(username);
  return { orgDb: forOrg(t.db, u.orgId), sessionId, me: { id: u.id, orgId: u.orgId, username: u.username }, context: ctx };
}
async function options(username: string, sessionId: string) {
  const begun = await beginKeyRegistration(as(username, sessionId));
  if (!begun.ok) throw new Error(begun.code);
  return begun.options;
}
const confirm = (username: string, sessionId: string, name: string, response: ReturnType<SoftAuthenticator["register"]>) =>
  confirmKeyRegistration({ ...as(username, sessionId), name, response });

let eventsBefore = 0;
beforeEach(async () => {
  eventsBefore = await t.db.verificationEvent.count();
});
const newEvents = () => t.db.verificationEvent.findMany({ orderBy: { id: "asc" }, skip: eventsBefore });
const keysOf = (username: string) => t.db.webAuthnCredential.findMany({ where: { userId: user(username).id }, orderBy: { createdAt: "asc" } });

describe("adding a security key while signed in", () => {
  it("registers the first key of a user with nothing registered, from a Standard session, with one event", async () => {
    const session = await sessionFor(t.db, user("bob@acme.test"));
    const opts = await options("bob@acme.test", session.id);
    expect(opts).toMatchObject({
      rp: { id: "localhost" },
      user: { name: "bob@acme.test", displayName: "Bob Brown" },
      attestation: "none",
      excludeCredentials: [],
    });
    const challenge = await t.db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: opts.challenge } });
    expect(challenge).toMatchObject({ purpose: "REGISTRATION", sessionId: session.id, pendingLoginId: null, userId: user("bob@acme.test").id });

    const key = new SoftAuthenticator();
    const result = await confirm("bob@acme.test", session.id, "Blue YubiKey", key.register(opts));
    expect(result).toEqual({ ok: true, credentialId: key.id });
    expect(await storedKey(t.db, key)).toMatchObject({
      userId: user("bob@acme.test").id,
      orgId: user("bob@acme.test").orgId,
      name: "Blue YubiKey",
      signCount: 0n,
      transports: ["usb"],
      lastUsedAt: null,
    });
    const events = await newEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      activity: "METHOD_REGISTERED",
      method: "WEBAUTHN",
      status: "SUCCEEDED",
      username: "bob@acme.test",
      actorId: null,
      detail: { name: "Blue YubiKey", by: "self" },
    });
    expect((await listMyMethods(forOrg(t.db, user("bob@acme.test").orgId), { userId: user("bob@acme.test").id })).map((m) => [m.kind, m.name])).toEqual([
      ["WEBAUTHN", "Blue YubiKey"],
    ]);
    // Now that bob has a method, this Standard session cannot add another (nor replay this one).
    expect(await confirm("bob@acme.test", session.id, "Again", key.register(opts))).toEqual({ ok: false, code: "STEP_UP_REQUIRED" });
    expect(await keysOf("bob@acme.test")).toHaveLength(1);
  });

  it("needs a High Assurance session once the user has a method; then excludes the user's keys", async () => {
    const standard = await sessionFor(t.db, user("bob@acme.test"));
    expect(await beginKeyRegistration(as("bob@acme.test", standard.id))).toEqual({ ok: false, code: "STEP_UP_REQUIRED" });
    // Nor can a challenge from a High Assurance session be finished by the Standard one.
    const high = await sessionFor(t.db, user("bob@acme.test"), { level: "HIGH_ASSURANCE" });
    const opts = await options("bob@acme.test", high.id);
    const [blue] = await keysOf("bob@acme.test");
    expect(opts.excludeCredentials).toEqual([{ id: blue!.credentialId, type: "public-key", transports: ["usb"] }]);
    const key = new SoftAuthenticator();
    expect(await confirm("bob@acme.test", standard.id, "Sneaky", key.register(opts))).toEqual({ ok: false, code: "STEP_UP_REQUIRED" });
    expect(await newEvents()).toEqual([]);

    const response = key.register(opts);
    expect(await confirm("bob@acme.test", high.id, "Backup key", response)).toMatchObject({ ok: true });
    // Single use: the same response again finds its challenge spent.
    expect(await confirm("bob@acme.test", high.id, "Backup key", response)).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });
    expect((await keysOf("bob@acme.test")).map((k) => k.name)).toEqual(["Blue YubiKey", "Backup key"]);
    expect((await newEvents()).map((e) => [e.status, e.reason])).toEqual([
      ["SUCCEEDED", null],
      ["FAILED", "CHALLENGE_EXPIRED"],
    ]);
  });

  it("the same applies to a user whose only method is an authenticator app", async () => {
    const standard = await sessionFor(t.db, user("alice@acme.test"));
    expect(await beginKeyRegistration(as("alice@acme.test", standard.id))).toEqual({ ok: false, code: "STEP_UP_REQUIRED" });
  });

  it("refuses a response signed for another session's challenge, and one from another origin, with one FAILED event each", async () => {
    const mine = await sessionFor(t.db, user("alice@acme.test"), { level: "HIGH_ASSURANCE" });
    const other = await sessionFor(t.db, user("alice@acme.test"), { level: "HIGH_ASSURANCE" });
    const key = new SoftAuthenticator();
    const forOther = key.register(await options("alice@acme.test", other.id));
    expect(await confirm("alice@acme.test", mine.id, "Key", forOther)).toEqual({ ok: false, code: "CHALLENGE_EXPIRED" });
    const phished = new SoftAuthenticator({ origin: "https://evil.example" }).register(await options("alice@acme.test", mine.id));
    expect(await confirm("alice@acme.test", mine.id, "Key", phished)).toEqual({ ok: false, code: "INVALID_KEY_RESPONSE" });
    expect(await keysOf("alice@acme.test")).toEqual([]);
    expect((await newEvents()).map((e) => [e.activity, e.status, e.reason])).toEqual([
      ["METHOD_REGISTERED", "FAILED", "CHALLENGE_EXPIRED"],
      ["METHOD_REGISTERED", "FAILED", "INVALID_KEY_RESPONSE"],
    ]);
    // The session proved who this is: a bad registration guesses nothing and is not counted.
    expect((await t.db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } })).failedAttempts).toBe(0);
    // The other session's challenge was not spent by the refusal.
    expect(await confirm("alice@acme.test", other.id, "Key", forOther)).toMatchObject({ ok: true });
  });
});

describe("whose key", () => {
  it("never adds a key through another org's session, nor to another user", async () => {
    const acme = await sessionFor(t.db, user("bob@acme.test"), { level: "HIGH_ASSURANCE" });
    const opts = await options("bob@acme.test", acme.id);
    const key = new SoftAuthenticator();
    // A Globex client, with the Acme session's id, as Gus or even claiming to be bob.
    const globexDb = forOrg(t.db, user("admin@globex.test").orgId);
    for (const me of [user("admin@globex.test"), user("bob@acme.test")]) {
      const forged = { orgDb: globexDb, sessionId: acme.id, me: { id: me.id, orgId: me.orgId, username: me.username }, context: ctx };
      expect(await beginKeyRegistration(forged)).toEqual({ ok: false, code: "NOT_FOUND" });
      expect(await confirmKeyRegistration({ ...forged, name: "x", response: key.register(opts) })).toEqual({ ok: false, code: "NOT_FOUND" });
    }
    // Bob's session id with the admin of his own org as "me": not the admin's session.
    expect(await beginKeyRegistration(as("admin@acme.test", acme.id))).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await newEvents()).toEqual([]);
    expect(await t.db.webAuthnCredential.count({ where: { credentialId: key.id } })).toBe(0);
  });

  it("never takes over a credential id registered in another org", async () => {
    const gusKey = new SoftAuthenticator();
    await addKey(t.db, "admin@globex.test", gusKey, "Gus's key");
    // An authenticator presenting the same credential id, with a key pair of its own.
    const copy = new SoftAuthenticator({ credentialId: gusKey.credentialId });
    const session = await sessionFor(t.db, user("admin@acme.test"), { level: "HIGH_ASSURANCE" });
    const result = await confirm("admin@acme.test", session.id, "Copied", copy.register(await options("admin@acme.test", session.id)));
    expect(result).toEqual({ ok: false, code: "INVALID_KEY_RESPONSE" });
    expect(await storedKey(t.db, gusKey)).toMatchObject({ userId: user("admin@globex.test").id, name: "Gus's key" });
    expect((await newEvents()).map((e) => [e.username, e.status, e.reason])).toEqual([["admin@acme.test", "FAILED", "INVALID_KEY_RESPONSE"]]);
  });
});

describe("the added key on My security", () => {
  it("steps up a session, and is renamed and removed by its owner", async () => {
    const session = await sessionFor(t.db, user("delegate@acme.test"));
    const key = new SoftAuthenticator();
    expect(await confirm("delegate@acme.test", session.id, "Desk key", key.register(await options("delegate@acme.test", session.id)))).toMatchObject({
      ok: true,
    });

    const ref = { orgDb: forOrg(t.db, user("delegate@acme.test").orgId), sessionId: session.id, userId: user("delegate@acme.test").id };
    const begun = await beginWebAuthnStepUp(ref);
    if (!begun.ok) throw new Error(begun.code);
    expect(await stepUpWithWebAuthn({ ...ref, response: key.authenticate(begun.options), context: ctx })).toMatchObject({ ok: true });
    expect((await t.db.session.findUniqueOrThrow({ where: { id: session.id } })).level).toBe("HIGH_ASSURANCE");

    const row = await storedKey(t.db, key);
    const mine = { ...as("delegate@acme.test", session.id), kind: "WEBAUTHN" as const, methodId: row.id };
    expect(await renameMyMethod({ ...mine, name: "Desk YubiKey" })).toEqual({ ok: true });
    expect((await storedKey(t.db, key)).name).toBe("Desk YubiKey");
    expect(await removeMyMethod(mine)).toEqual({ ok: true, remainingMethods: 0 });
    expect(await t.db.webAuthnCredential.count({ where: { id: row.id } })).toBe(0);
    expect((await newEvents()).map((e) => [e.activity, e.method, e.status])).toEqual([
      ["METHOD_REGISTERED", "WEBAUTHN", "SUCCEEDED"],
      ["STEP_UP", "WEBAUTHN", "SUCCEEDED"],
      ["METHOD_RENAMED", "WEBAUTHN", "SUCCEEDED"],
      ["METHOD_DISCONNECTED", "WEBAUTHN", "SUCCEEDED"],
    ]);
  });
});
