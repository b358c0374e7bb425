// SPEC L5: WebAuthn challenges are stored on the server, used once and short-lived. Each is bound
// to what asked for it — a pending login, or a signed-in session (step-up, and keys added from
// "My security") — and to the ceremony's purpose, so a response signed for one login or one
// ceremony never completes another. Postgres, not memory: any app instance can finish what
// another began, and single use holds across all of them.
import type { ChallengePurpose, Prisma, WebAuthnChallenge } from "@db/generated";
import { decodeClientDataJSON } from "@simplewebauthn/server/helpers";

export const WEBAUTHN_CHALLENGE_MINUTES = 5;

/** What a challenge is bound to: exactly one of a pending login or a session. */
export type ChallengeOwner = { pendingLoginId: string } | { sessionId: string };

// Narrow on purpose: the plain client (login) and the caller's tenant-scoped one (a signed-in
// session, lib/db/tenant) both fit.
type Reader = { webAuthnChallenge: { findFirst(args: Prisma.WebAuthnChallengeFindFirstArgs): PromiseLike<WebAuthnChallenge | null> } };
type Spender = { webAuthnChallenge: { updateMany(args: Prisma.WebAuthnChallengeUpdateManyArgs): PromiseLike<{ count: number }> } };
type StoreTx = {
  webAuthnChallenge: {
    deleteMany(args: Prisma.WebAuthnChallengeDeleteManyArgs): PromiseLike<{ count: number }>;
    create(args: { data: Prisma.WebAuthnChallengeUncheckedCreateInput }): PromiseLike<unknown>;
  };
};
type Writer = { $transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> };

function ownerWhere(owner: ChallengeOwner): Prisma.WebAuthnChallengeWhereInput {
  return "pendingLoginId" in owner ? { pendingLoginId: owner.pendingLoginId, sessionId: null } : { sessionId: owner.sessionId, pendingLoginId: null };
}

/** Stores the challenge of options just generated for the browser. */
export async function storeChallenge(
  db: Writer,
  opts: { orgId: string; userId: string; owner: ChallengeOwner; purpose: ChallengePurpose; challenge: string; nowMs: number },
): Promise<void> {
  const now = new Date(opts.nowMs);
  await db.$transaction(async (tx) => {
    // Only an owner's newest ceremony stays live: a prompt abandoned for a new click cannot be
    // finished later, and the table does not grow by a row per click. Expired rows of the org go too.
    await tx.webAuthnChallenge.deleteMany({ where: { ...ownerWhere(opts.owner), purpose: opts.purpose } });
    await tx.webAuthnChallenge.deleteMany({ where: { orgId: opts.orgId, expiresAt: { lte: now } } });
    await tx.webAuthnChallenge.create({
      data: {
        orgId: opts.orgId,
        userId: opts.userId,
        ...("pendingLoginId" in opts.owner ? { pendingLoginId: opts.owner.pendingLoginId } : { sessionId: opts.owner.sessionId }),
        purpose: opts.purpose,
        challenge: opts.challenge,
        expiresAt: new Date(opts.nowMs + WEBAUTHN_CHALLENGE_MINUTES * 60_000),
        createdAt: now,
      },
    });
  });
}

/**
 * The live challenge a response was signed over, if it was issued to this owner for this purpose
 * and is neither used nor expired. Reading is not using: consumeChallenge decides.
 */
export async function findLiveChallenge(db: Reader, opts: { challenge: string; owner: ChallengeOwner; purpose: ChallengePurpose; nowMs: number }) {
  if (!opts.challenge) return null;
  return db.webAuthnChallenge.findFirst({
    where: {
      challenge: opts.challenge,
      purpose: opts.purpose,
      ...ownerWhere(opts.owner),
      consumedAt: null,
      expiresAt: { gt: new Date(opts.nowMs) },
    },
  });
}

/**
 * The challenge the browser says it signed, from clientDataJSON: only a lookup key — the
 * verifier later proves the signature covers it. "" when the data is not even readable.
 */
export function signedChallenge(clientDataJSON: string): string {
  try {
    const { challenge } = decodeClientDataJSON(clientDataJSON);
    return typeof challenge === "string" ? challenge : "";
  } catch {
    return "";
  }
}

/**
 * Uses the challenge up. A conditional UPDATE whose row count decides: of any number of requests
 * racing with the same challenge, exactly one gets true. On success it runs inside the transaction
 * that completes the login, so the challenge is spent exactly when that commits; a refused
 * response spends it too, so each challenge gets one try.
 */
export async function consumeChallenge(db: Spender, opts: { id: string; nowMs: number }): Promise<boolean> {
  const now = new Date(opts.nowMs);
  const { count } = await db.webAuthnChallenge.updateMany({
    where: { id: opts.id, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  return count === 1;
}
