import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { requireSession } from "@/lib/next/guards";
import { currentLevel } from "@/lib/auth/session-level";
import { isMfaRequired } from "@/lib/auth/mfa-policy";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { listMyMethods } from "@/lib/account/list-my-methods";
import { listMySessions } from "@/lib/account/list-my-sessions";
import { listMyActivity, MY_ACTIVITY_LIMIT } from "@/lib/account/list-my-activity";
import { countUnusedRecoveryCodes, RECOVERY_CODE_COUNT } from "@/lib/mfa/recovery-codes";
import { METHOD_LABELS } from "@/lib/activity/kinds";
import { Alert } from "@/components/ui/alert";
import { MethodRow } from "./method-row";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { SessionsTable } from "@/components/console/sessions/sessions-table";
import { RecentActivityTable } from "@/components/console/activity/recent-activity-table";
import { ConfirmAction } from "@/components/console/confirm-action";
import { NoticeToast } from "./notice-toast";
import { endOtherSessionsAction, endSessionAction } from "./actions";
import { ADD_AUTHENTICATOR_PATH, ADD_KEY_PATH, CHANGE_PASSWORD_PATH, confirmPath, NOTICES, REGENERATE_DIALOG, type Notice } from "./state";
import { LocalTime } from "@/components/console/local-time";

export const metadata: Metadata = { title: "My security" };

export default async function MySecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { session, user, orgDb, permissions } = await requireSession();
  const params = await searchParams;
  const settings = user.org.settings!;
  const [methods, recoveryCodes, sessions, activity] = await Promise.all([
    listMyMethods(orgDb, { userId: user.id }),
    countUnusedRecoveryCodes(orgDb, user.id),
    listMySessions(orgDb, { userId: user.id, currentSessionId: session.id, idleMinutes: settings.sessionIdleMinutes }),
    listMyActivity(orgDb, { userId: user.id }),
  ]);
  const highAssurance = currentLevel(session).level === "HIGH_ASSURANCE";
  const mfaRequired = isMfaRequired({ settings, permissions, profileRequiredLevel: user.profile.requiredLevelAtLogin });
  const notice = typeof params.notice === "string" && params.notice in NOTICES ? NOTICES[params.notice as Notice] : null;
  // A confirmation that was interrupted by a step-up opens again, once the session is raised.
  const reopen = highAssurance && typeof params.confirm === "string" ? params.confirm : null;
  // Removing and regenerating need High Assurance once anything is registered (B7, L10).
  const hasAnything = methods.length > 0 || recoveryCodes > 0;
  const stepUpFor = (dialogKey: string) => (highAssurance || !hasAnything ? undefined : stepUpPath(confirmPath(dialogKey)));
  const others = sessions.filter((s) => !s.current).length;

  return (
    <main className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">My security</h1>
        <p className="mt-1 text-sm text-slate-600">Your verification methods, recovery codes, sessions and recent activity.</p>
      </div>
      {notice && <NoticeToast id={`${String(params.notice)}-${typeof params.at === "string" ? params.at : ""}`} text={notice} />}
      {!highAssurance && hasAnything && (
        <p className="text-sm text-slate-600">Adding or removing a method, or regenerating recovery codes, first asks you to verify your identity.</p>
      )}

      <Section
        id="methods"
        title="Verification methods"
        action={
          <div className="flex flex-wrap gap-2">
            <AddMethodLink href={ADD_AUTHENTICATOR_PATH}>Add authenticator app</AddMethodLink>
            <AddMethodLink href={ADD_KEY_PATH}>Add security key or passkey</AddMethodLink>
          </div>
        }
      >
        {methods.length === 0 ? (
          <Alert tone="info">
            You have no verification method yet.{" "}
            {mfaRequired
              ? "Your organization requires one: add an authenticator app or a security key now, or you'll be asked to register one at your next login."
              : "Add an authenticator app or a security key so a password alone is not enough to get into your account."}
          </Alert>
        ) : (
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Your verification methods</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    Type
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Registered
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Last used
                  </th>
                  <th scope="col" className="px-4 py-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {methods.map((m) => {
                  const dialogKey = `remove-${m.kind}-${m.id}`;
                  return (
                    <MethodRow
                      key={m.id}
                      method={{
                        id: m.id,
                        kind: m.kind,
                        typeLabel: METHOD_LABELS[m.kind],
                        name: m.name,
                        description: m.description,
                        registeredAt: m.registeredAt.toISOString(),
                        lastUsedAt: m.lastUsedAt?.toISOString() ?? null,
                      }}
                      removal={{ stepUpHref: stepUpFor(dialogKey), openOnLoad: reopen === dialogKey, isLast: methods.length === 1, mfaRequired }}
                    />
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section id="recovery-codes" title="Recovery codes">
        <RecoveryCodesPanel
          remaining={recoveryCodes}
          total={RECOVERY_CODE_COUNT}
          stepUpHref={stepUpFor(REGENERATE_DIALOG)}
          openOnLoad={reopen === REGENERATE_DIALOG}
        />
      </Section>

      <Section
        id="password"
        title="Password"
        action={
          <Link
            href={CHANGE_PASSWORD_PATH}
            prefetch={false}
            className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Change password
          </Link>
        }
      >
        <p className="text-sm text-slate-700">
          {user.passwordChangedAt ? (
            <>
              Last changed <LocalTime iso={user.passwordChangedAt.toISOString()} />.
            </>
          ) : (
            "No change recorded yet."
          )}{" "}
          Changing it ends your other sessions.
        </p>
      </Section>

      <Section
        id="sessions"
        title="Sessions"
        action={
          others > 0 ? (
            <ConfirmAction
              variant="danger"
              compact
              label="End all other sessions"
              title="End all other sessions?"
              description={`${others === 1 ? "Your other session" : `Your ${others} other sessions`} will be logged out on ${others === 1 ? "its" : "their"} next request. This session stays signed in.`}
              confirmLabel="End all other sessions"
              action={endOtherSessionsAction}
            />
          ) : undefined
        }
      >
        <SessionsTable
          sessions={sessions}
          caption="Your sessions"
          action={(s) =>
            s.current ? (
              <span className="whitespace-nowrap text-xs text-slate-500">Use Log out</span>
            ) : (
              <ConfirmAction
                variant="danger"
                compact
                label="End"
                accessibleLabel={`End session: ${s.browser}, ${s.ip ?? "unknown IP"}`}
                title="End this session?"
                description={`${s.browser}${s.ip ? ` at ${s.ip}` : ""} will be logged out on its next request.`}
                confirmLabel="End session"
                action={endSessionAction}
                hidden={{ sessionId: s.id }}
              />
            )
          }
        />
        {others === 0 && <p className="mt-3 text-sm text-slate-600">You are not signed in anywhere else.</p>}
      </Section>

      <Section id="activity" title="Recent activity" subtitle={`Your last ${MY_ACTIVITY_LIMIT} verification events, newest first.`}>
        <RecentActivityTable events={activity} caption="Your recent verification activity, newest first" />
      </Section>
    </main>
  );
}

function Section({
  id,
  title,
  subtitle,
  action,
  children,
}: {
  id: string;
  title: string;
  subtitle?: string;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {subtitle && <p className="mt-0.5 text-sm text-slate-600">{subtitle}</p>}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

function AddMethodLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      prefetch={false}
      className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
    >
      <Plus aria-hidden className="h-4 w-4" />
      {children}
    </Link>
  );
}
