// "Revoke" on one session of a user (Setup > Users > user, issue 12): the admin ends that browser's
// session, on its next request (L9), and the user's other sessions stay. The session must be this
// user's, in the caller's org (the scoped client), and still live: a replayed or made-up id, or
// another user's session, changes nothing. Never on one's own account (loadTarget): the admin's
// own sessions are ended from My security, where the current one is told apart.
import { recordEvent } from "@/lib/activity/record-event";
import { describeUserAgent } from "@/lib/account/user-agent";
import { fail, type Result } from "@/lib/errors";
import { loadTarget, type AdminActionOptions } from "@/lib/mfa/admin/admin-action";

export async function revokeUserSession(opts: AdminActionOptions & { sessionId: string }): Promise<Result> {
  const loaded = await loadTarget(opts);
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  const now = new Date(opts.nowMs ?? Date.now());
  return opts.orgDb.$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: opts.sessionId, userId: target.id, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true, ip: true, userAgent: true, loginMethod: true },
    });
    if (!session) return fail("SESSION_NOT_FOUND");
    // Conditional on still being live: of two clicks at once, one ends it and writes the event.
    const { count } = await tx.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: now, revokedReason: "revoked-by-admin" } });
    if (count !== 1) return fail("SESSION_NOT_FOUND");
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: target.id,
      username: target.username,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "SESSION_REVOKED",
      status: "SUCCEEDED",
      context: opts.context,
      detail: { sessionId: session.id, browser: describeUserAgent(session.userAgent), ip: session.ip, loginMethod: session.loginMethod },
    });
    return { ok: true as const };
  });
}
