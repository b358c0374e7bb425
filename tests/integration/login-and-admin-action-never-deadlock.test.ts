// Issue 8, point 7: an admin's Revoke sessions or Reset MFA racing a user's TOTP login must not
// deadlock (every login-state transaction takes the user row first, lib/db/lock-user.ts), and the
// user is told what happened: the login was ended by an administrator — not "already used".
// 40 paired races of each kind, with real concurrency on real Postgres.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, demoCode, passwordStep, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { createTestUser } from "../helpers/users";
import { forOrg } from "@/lib/db/tenant";
import { createSessionFromTicket } from "@/lib/auth/session";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { revokeUserSessions } from "@/lib/users/revoke-user-sessions";
import { resetMfa } from "@/lib/mfa/admin/reset-mfa";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { DEMO_TOTP_SECRET } from "../helpers/demo";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const RACES = 40;
const STEP_MS = 30_000;

type Outcome = "logged in" | "ended" | "error" | string;

async function race(kind: "revoke" | "reset"): Promise<Outcome[]> {
  const user = await createTestUser(t.db, { prefix: `deadlock-${kind}`, totp: true });
  const admin = demo.users["admin@acme.test"]!;
  const adminAction = { orgDb: forOrg(t.db, admin.orgId), orgId: admin.orgId, actor: { id: admin.id }, targetUserId: user.id, context: ctx };
  const base = Math.floor(Date.now() / STEP_MS) * STEP_MS + 10_000;
  const outcomes: Outcome[] = [];
  for (let i = 0; i < RACES; i++) {
    const nowMs = base + i * STEP_MS; // a fresh step each round: never a real replay
    if (kind === "reset" && (await t.db.totpFactor.count({ where: { userId: user.id } })) === 0) {
      await t.db.totpFactor.create({
        data: { orgId: user.orgId, userId: user.id, name: "App", secretCiphertext: encryptTotpSecret(DEMO_TOTP_SECRET, user.id), verifiedAt: new Date() },
      });
    }
    const pendingToken = await passwordStep(t.db, user.username, nowMs);
    // Staggered by 0–4 ms, so both orders and every overlap in between occur.
    const adminLater = async () => {
      await new Promise((r) => setTimeout(r, i % 5));
      return kind === "revoke" ? revokeUserSessions({ ...adminAction, nowMs }) : resetMfa({ ...adminAction, reason: "race test", nowMs });
    };
    const [login, action] = await Promise.allSettled([verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(nowMs), context: ctx, nowMs }), adminLater()]);
    if (login.status === "rejected" || action.status === "rejected" || !action.value.ok) {
      outcomes.push("error");
      continue;
    }
    if (!login.value.ok) {
      outcomes.push(login.value.code === "LOGIN_ENDED" ? "ended" : login.value.code);
      continue;
    }
    // The login won the race; the admin's action then voided its ticket: no session after it.
    const session = await createSessionFromTicket(t.db, { ticket: login.value.ticket, pendingToken, context: ctx, nowMs });
    outcomes.push(session ? "session after the admin's action" : "logged in");
  }
  return outcomes;
}

describe.skipIf(usePglite)("a login racing an admin's action", () => {
  for (const kind of ["revoke", "reset"] as const) {
    it(`${kind}: ${RACES} paired races, no error, and "ended by an administrator" when the admin won`, async () => {
      const outcomes = await race(kind);
      const tally = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
      console.log(`[deadlock] ${kind}: ${JSON.stringify(tally)}`);
      expect(outcomes.filter((o) => o !== "logged in" && o !== "ended")).toEqual([]);
    }, 60_000);
  }
});
