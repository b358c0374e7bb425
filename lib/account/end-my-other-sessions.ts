// "End all other sessions" on My security (SPEC L9): revokes every live session of the user
// except the one making the request, with one SESSION_REVOKED event per session, all in one
// transaction.
import { recordEvent } from "@/lib/activity/record-event";
import type { Result } from "@/lib/errors";
import { selfEvent, type AccountActionOptions } from "./account-action";
import { REVOKED_BY_USER } from "./end-my-session";
import { liveSessionsWhere } from "./list-my-sessions";

export async function endMyOtherSessions(opts: AccountActionOptions & { currentSessionId: string; idleMinutes: number }): Promise<Result<{ ended: number }>> {
  const nowMs = opts.nowMs ?? Date.now();
  return opts.orgDb.$transaction(async (tx) => {
    const ended = await tx.session.updateManyAndReturn({
      where: { ...liveSessionsWhere({ userId: opts.me.id, idleMinutes: opts.idleMinutes, nowMs }), id: { not: opts.currentSessionId } },
      data: { revokedAt: new Date(nowMs), revokedReason: REVOKED_BY_USER },
      select: { id: true },
    });
    for (const { id } of ended) {
      await recordEvent(tx, { ...selfEvent(opts), activity: "SESSION_REVOKED", status: "SUCCEEDED", detail: { sessionId: id, by: "self", all: true } });
    }
    return { ok: true as const, ended: ended.length };
  });
}
