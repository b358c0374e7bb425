// Revoke in Setup > API Tokens: the token stops working on its next call. A conditional update,
// so a token is revoked (and its event written) once, whoever clicks first.
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";

export async function revokeApiToken(opts: {
  orgDb: OrgDb;
  orgId: string;
  actor: { id: string };
  tokenId: string;
  context: RequestContext;
  nowMs?: number;
}): Promise<Result> {
  const now = new Date(opts.nowMs ?? Date.now());
  return opts.orgDb.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: opts.tokenId }, include: { actingUser: { select: { username: true } } } });
    if (!token) return fail("NOT_FOUND");
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return fail("API_TOKEN_REVOKED");
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: token.actingUserId,
      username: token.actingUser.username,
      actorId: opts.actor.id,
      activity: "API_TOKEN_REVOKED",
      method: "API_TOKEN",
      status: "SUCCEEDED",
      context: opts.context,
      detail: { id: token.id, name: token.name, prefix: token.prefix },
    });
    return { ok: true as const };
  });
}
