import { Section, Empty } from "@/components/console/user-detail/section";
import { ConfirmAction } from "@/components/console/confirm-action";
import { SessionsTable } from "@/components/console/sessions/sessions-table";
import { revokeSessionAction, revokeSessionsAction } from "./actions";
import { toSessionView } from "@/lib/account/session-view";
import type { UserDetail } from "@/lib/users/get-user-detail";

/**
 * The user's sessions, each with its own Revoke, and Revoke all. `canAct` is false on the admin's
 * own page (sessions.revoke is notOnSelf): their own sessions are ended from My security.
 */
export function SessionsSection({
  detail,
  canAct,
  stepUpHref,
  currentSessionId,
}: {
  detail: UserDetail;
  canAct: boolean;
  stepUpHref?: string;
  currentSessionId: string;
}) {
  const sessions = detail.user.sessions.map((s) => toSessionView(s, { currentSessionId, nowMs: detail.nowMs }));
  const name = detail.user.name;
  const revokeAll = canAct && sessions.length > 0 && (
    <ConfirmAction
      label="Revoke all sessions"
      title="Revoke all sessions?"
      description={`${name} is logged out everywhere on their next click.`}
      confirmLabel="Revoke sessions"
      variant="danger"
      action={revokeSessionsAction}
      hidden={{ userId: detail.user.id }}
      successMessage={`Sessions revoked: ${name} is logged out everywhere.`}
      stepUpHref={stepUpHref}
    />
  );
  return (
    <Section title="Sessions" actions={revokeAll}>
      {sessions.length === 0 ? (
        <Empty>No active sessions.</Empty>
      ) : (
        <SessionsTable
          sessions={sessions}
          caption={`${name}'s active sessions`}
          action={
            canAct
              ? (s) => (
                  <ConfirmAction
                    label="Revoke"
                    accessibleLabel={`Revoke session: ${s.browser}, ${s.ip ?? "unknown IP"}`}
                    title="Revoke this session?"
                    description={`${name}'s session in ${s.browser}${s.ip ? ` at ${s.ip}` : ""} ends on its next request. Their other sessions stay signed in.`}
                    confirmLabel="Revoke session"
                    variant="danger"
                    action={revokeSessionAction}
                    hidden={{ userId: detail.user.id, sessionId: s.id }}
                    successMessage={`Session revoked: ${name} is logged out of ${s.browser}.`}
                    stepUpHref={stepUpHref}
                  />
                )
              : undefined
          }
        />
      )}
    </Section>
  );
}
