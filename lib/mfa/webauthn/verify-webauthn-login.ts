// L5: the answer to the security key challenge. The response must be signed over a live challenge
// of this pending login, by a key of this user, with a signature counter that moved forward; then
// the counter is stored, the challenge spent, the login completed and the event written — in one
// transaction. Every attempt leaves exactly one event (L7). A response checked against a key and
// found wrong counts toward lockout (L8); one over a challenge that is not live is refused before
// any check — it could never succeed, so like a replayed TOTP code it is recorded, not counted.
import type { Db } from "@/lib/db/client";
import { completePendingLogin, findPendingLogin } from "@/lib/auth/pending-login";
import { failLoginStep, refuseIfLocked } from "@/lib/auth/login-failure";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { consumeChallenge, findLiveChallenge, signedChallenge } from "./challenge-store";
import { recordKeyUse } from "./stored-credentials";
import { verifyAssertion, type AssertionRefusal } from "./verify-assertion";
import type { AuthenticationResponse } from "./schemas";

export async function verifyWebAuthnAtLogin(
  db: Db,
  opts: { pendingToken: string; response: AuthenticationResponse; context: RequestContext; nowMs?: number },
): Promise<Result<{ ticket: string }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "MFA_CHALLENGE", nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  if (!pending.allowedMethods.includes("WEBAUTHN")) return fail("METHOD_NOT_ALLOWED");
  const { user } = pending;
  const common = { user, method: "WEBAUTHN" as const, context: opts.context, nowMs };
  const locked = await refuseIfLocked(db, common);
  if (locked) return locked;
  const event = { orgId: user.orgId, userId: user.id, username: user.username, activity: "LOGIN", method: "WEBAUTHN", context: opts.context } as const;
  const refuseStale = async () => {
    await recordEvent(db, { ...event, status: "FAILED", reason: "CHALLENGE_EXPIRED" });
    return fail("CHALLENGE_EXPIRED");
  };

  const challenge = await findLiveChallenge(db, {
    challenge: signedChallenge(opts.response.response.clientDataJSON),
    owner: { pendingLoginId: pending.id },
    purpose: "AUTHENTICATION",
    nowMs,
  });
  if (!challenge) return refuseStale();
  // One try per challenge: a refused response spends it as well.
  const refuse = async (reason: AssertionRefusal) => {
    await consumeChallenge(db, { id: challenge.id, nowMs });
    return failLoginStep(db, { ...common, reason });
  };

  const checked = await verifyAssertion(db, { user, challenge: challenge.challenge, response: opts.response });
  if (!checked.ok) return refuse(checked.reason);
  const { key, userVerified } = checked;

  const ticket = await db
    .$transaction(async (tx) => {
      // The same response submitted twice at once: the first spends the challenge.
      if (!(await consumeChallenge(tx, { id: challenge.id, nowMs }))) throw new LostRace("stale");
      // Another assertion of this key was accepted in the meantime: this one is no longer ahead.
      if (!(await recordKeyUse(tx, { ...checked, nowMs }))) throw new LostRace("COUNTER_REGRESSION");
      // Another method finished this login meanwhile.
      const issued = await completePendingLogin(tx, { id: pending.id, fromStage: "MFA_CHALLENGE", method: "WEBAUTHN" });
      if (!issued) throw new LostRace("stale");
      await recordEvent(tx, { ...event, status: "SUCCEEDED", detail: { key: key.name, userVerified } });
      return issued;
    })
    .catch((e) => {
      if (e instanceof LostRace) return e;
      throw e;
    });
  if (ticket instanceof LostRace) return ticket.reason === "stale" ? refuseStale() : refuse(ticket.reason);
  return { ok: true, ticket };
}

class LostRace extends Error {
  constructor(readonly reason: AssertionRefusal | "stale") {
    super(reason);
  }
}
