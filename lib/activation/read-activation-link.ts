// What the activation page shows before anything is submitted: whose link it is and the password
// rules that apply — or why the link no longer works. Reading never uses the link up.
import type { Db } from "@/lib/db/client";
import { fail, type Result } from "@/lib/errors";
import { activationTokenHash } from "./activation-link";

export interface ActivationTarget {
  linkId: string;
  purpose: "NEW_USER" | "PASSWORD_RESET";
  orgId: string;
  orgName: string;
  userId: string;
  username: string;
  name: string;
  passwordMinLength: number;
  expiresAt: Date;
}

export async function readActivationLink(db: Db, opts: { token: string; nowMs?: number }): Promise<Result<{ target: ActivationTarget }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const hash = activationTokenHash(opts.token);
  if (!hash) return fail("ACTIVATION_LINK_INVALID");
  // The token names its org: this is the one lookup made before any org is known.
  const link = await db.activationLink.findUnique({
    where: { tokenHash: hash },
    include: {
      user: { select: { id: true, username: true, name: true, isActive: true } },
      org: { select: { name: true, settings: { select: { passwordMinLength: true } } } },
    },
  });
  if (!link) return fail("ACTIVATION_LINK_INVALID");
  if (link.usedAt || link.revokedAt) return fail("ACTIVATION_LINK_USED");
  if (link.expiresAt.getTime() <= nowMs) return fail("ACTIVATION_LINK_EXPIRED");
  if (!link.user.isActive) return fail("USER_INACTIVE");
  return {
    ok: true,
    target: {
      linkId: link.id,
      purpose: link.purpose,
      orgId: link.orgId,
      orgName: link.org.name,
      userId: link.user.id,
      username: link.user.username,
      name: link.user.name,
      passwordMinLength: link.org.settings?.passwordMinLength ?? 12,
      expiresAt: link.expiresAt,
    },
  };
}
