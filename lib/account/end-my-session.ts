// "End" on My security (SPEC L9): the user revokes one of their other sessions; that browser is
// logged out on its next request (lib/auth/session.ts checks the row). The session making this
// request is ended with Log out instead. The revocation and its event commit together.
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { selfEvent, type AccountActionOptions } from "./account-action";

export const REVOKED_BY_USER = "ended by the user from My security";

export async function endMySession(opts: AccountActionOptions & { sessionId: string; currentSessionId: string }): Promise<Result> {
  if (opts.sessionId === opts.currentSessionId) return fail("CURRENT_SESSION");
  const now = new Date(opts.nowMs ?? Date.now());
  return opts.orgDb.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: opts.sessionId, userId: opts.me.id, revokedAt: null },
      data: { revokedAt: now, revokedReason: REVOKED_BY_USER },
    });
    if (count !== 1) return fail("NOT_FOUND");
    await recordEvent(tx, { ...selfEvent(opts), activity: "SESSION_REVOKED", status: "SUCCEEDED", detail: { sessionId: opts.sessionId, by: "self" } });
    return { ok: true as const };
  });
}
