// W1: the one-time link where a user sets their own password — issued when an admin creates the
// user or resets their password. The token is 256 random bits in the URL path; only its SHA-256
// is stored. A new link supersedes the user's earlier unused ones, so only the latest one works.
import type { ActivationPurpose } from "@db/generated";
import type { AnyTx } from "@/lib/db/tenant";
import { config } from "@/lib/config";
import { randomToken, sha256Hex } from "@/lib/security/tokens";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";

export const ACTIVATION_PATH = "/activate";
export const ACTIVATION_LINK_HOURS_DEFAULT = 72;
export const ACTIVATION_LINK_HOURS_BOUNDS = { min: 1, max: 168 } as const;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const HOUR_MS = 3_600_000;

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

/** The stored hash of a presented token, or null when it cannot be one of ours (no lookup then). */
export function activationTokenHash(presented: string): string | null {
  return TOKEN_SHAPE.test(presented) ? sha256Hex(presented) : null;
}

export function activationUrl(token: string): string {
  return new URL(`${ACTIVATION_PATH}/${token}`, config.appUrl).toString();
}

/** Issues a link in the caller's transaction (which holds the user's row lock). */
export async function issueActivationLink(
  tx: AnyTx,
  opts: { orgId: string; userId: string; purpose: ActivationPurpose; actor: AdminActor; validHours: number; nowMs: number },
): Promise<IssuedLink> {
  const now = new Date(opts.nowMs);
  await tx.activationLink.updateMany({ where: { orgId: opts.orgId, userId: opts.userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const token = randomToken(32);
  const expiresAt = new Date(opts.nowMs + opts.validHours * HOUR_MS);
  await tx.activationLink.create({
    data: {
      orgId: opts.orgId,
      userId: opts.userId,
      tokenHash: sha256Hex(token),
      purpose: opts.purpose,
      createdById: opts.actor.id,
      createdByLabel: opts.actor.label ?? null,
      expiresAt,
    },
  });
  return { url: activationUrl(token), expiresAt };
}
