import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAction } from "@/lib/next/guards";
import { PERMISSION_LABELS } from "@/lib/users/permissions";
import { getUserDetail } from "@/lib/users/get-user-detail";
import { APPROVAL_ACTIONS, capabilities } from "@/lib/policy/actions";
import { describeApproval } from "@/lib/mfa/admin/describe-approval";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { idSchema } from "@/lib/api/schemas";
import { checkHistoryAccess } from "@/lib/next/history-access";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/console/local-time";
import { ConfirmAction } from "@/components/console/confirm-action";
import { Section } from "@/components/console/user-detail/section";
import { MethodsSection } from "./methods-section";
import { TempCodeSection } from "./temp-code-section";
import { SessionsSection } from "./sessions-section";
import { ActivitySection } from "@/components/console/user-detail/activity-section";
import { decideApprovalAction, resetMfaAction, resetPasswordAction, setUserActiveAction, unlockUserAction } from "./actions";

export const metadata: Metadata = { title: "User" };

export default async function UserDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const current = await requireAction("console.view");
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const detail = await getUserDetail(current.orgDb, { userId: id.data });
  if (!detail) notFound();
  const { user } = detail;
  const can = capabilities(current.permissions);
  const self = user.id === current.user.id;
  const canActOnMfa = can["mfa.reset"] && !self; // B3: never on one's own account
  const request = detail.pendingReset;
  const requested = request ? describeApproval(request) : null;
  const requestedByMe = request?.requestedById === current.user.id;
  const highAssurance = currentLevel(current.session).level === "HIGH_ASSURANCE";
  // S2: reading verification history may itself need High Assurance.
  const historyStepUp = (await checkHistoryAccess()).ok ? undefined : stepUpPath(`/setup/users/${user.id}`);
  const stepUpHref = highAssurance ? undefined : stepUpPath(`/setup/users/${user.id}`);
  const extra = user.extraPermissions.map((p) => PERMISSION_LABELS[p]);

  return (
    <main className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href="/setup/users" className="hover:underline">
          Users
        </Link>{" "}
        <span aria-hidden>›</span> {user.name}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{user.name}</h1>
          <p className="text-sm text-slate-600">{user.username}</p>
          <div className="mt-2 flex flex-wrap gap-1">
            <Badge tone={user.isActive ? "green" : "slate"}>{user.isActive ? "Active" : "Inactive"}</Badge>
            {detail.lockedUntil && (
              <Badge tone="red">
                Locked until <LocalTime iso={detail.lockedUntil.toISOString()} format="time" withZone />
              </Badge>
            )}
            {self && <Badge tone="blue">You</Badge>}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {can["user.update"] && (
            <Link
              prefetch={false}
              href={`/setup/users/${user.id}/edit`}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Edit
            </Link>
          )}
          {can["user.set-active"] && !self && (
            <ConfirmAction
              label={user.isActive ? "Deactivate" : "Reactivate"}
              title={user.isActive ? "Deactivate this user?" : "Reactivate this user?"}
              description={
                user.isActive
                  ? `${user.name} can no longer log in. Their sessions end now and any temporary code expires.`
                  : `${user.name} can log in again with their password and verification method.`
              }
              confirmLabel={user.isActive ? "Deactivate" : "Reactivate"}
              variant={user.isActive ? "danger" : "secondary"}
              action={setUserActiveAction}
              hidden={{ userId: user.id, active: user.isActive ? "false" : "true" }}
              successMessage={user.isActive ? `${user.name} deactivated.` : `${user.name} reactivated.`}
              stepUpHref={stepUpHref}
            />
          )}
          {detail.lockedUntil && can["user.unlock"] && !self && (
            <ConfirmAction
              label="Unlock"
              title="Unlock this user?"
              description="The failed-attempt count is cleared and the user can log in again now."
              confirmLabel="Unlock"
              action={unlockUserAction}
              hidden={{ userId: user.id }}
              successMessage={`${user.name} unlocked.`}
              stepUpHref={stepUpHref}
            />
          )}
          {can["lost-device.view"] && !self && (
            <Link
              prefetch={false}
              href={`/setup/users/${user.id}/lost-device`}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Lost or stolen device
            </Link>
          )}
          {can["password.reset"] && !self && !request && user.isActive && (
            <ConfirmAction
              label="Reset password"
              title="Reset this user's password?"
              description={
                <>
                  {user.name}&apos;s password stops working now and all their sessions end. You get a one-time activation link to give them: they set a new
                  password with it, then verify with their usual method, which stays registered.
                </>
              }
              confirmLabel="Reset password"
              variant="danger"
              askReason
              action={resetPasswordAction}
              hidden={{ userId: user.id }}
              stepUpHref={stepUpHref}
              revealFor={user.name}
            />
          )}
          {canActOnMfa && !request && (
            <ConfirmAction
              label="Reset MFA"
              title="Reset MFA for this user?"
              description={
                <>
                  This removes all of {user.name}&apos;s verification methods and recovery codes, expires any temporary code and ends all their sessions. They
                  register a method again at their next login.
                </>
              }
              confirmLabel="Reset MFA"
              variant="danger"
              askReason
              action={resetMfaAction}
              hidden={{ userId: user.id }}
              successMessage={`MFA reset: ${user.name} registers a method again at the next login.`}
              stepUpHref={stepUpHref}
            />
          )}
        </div>
      </div>

      {request && requested && (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
        >
          <p>
            <strong>Waiting for a second administrator: {requested.title}.</strong> Requested by{" "}
            {request.requestedBy?.name ?? request.requestedByLabel ?? "an administrator"} on <LocalTime iso={request.createdAt.toISOString()} />: &ldquo;
            {request.reason}&rdquo;.
            {requestedByMe && " Another administrator must approve it."}
          </p>
          {can["approval.decide"] && can[APPROVAL_ACTIONS[request.action]] && !self && !requestedByMe && (
            <div className="flex gap-2">
              <ConfirmAction
                label="Approve"
                title={`Approve: ${requested.title}?`}
                description={requested.effect}
                confirmLabel="Approve"
                variant="danger"
                action={decideApprovalAction}
                hidden={{ userId: user.id, requestId: request.id, decision: "approve" }}
                successMessage="Request approved."
                stepUpHref={stepUpHref}
                revealFor={user.name}
              />
              <ConfirmAction
                label="Deny"
                title="Deny this request?"
                description="Nothing changes for the user; the request is closed and logged."
                confirmLabel="Deny"
                action={decideApprovalAction}
                hidden={{ userId: user.id, requestId: request.id, decision: "deny" }}
                successMessage="Request denied."
                stepUpHref={stepUpHref}
              />
            </div>
          )}
        </div>
      )}
      <Section title="Details">
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Profile</dt>
            <dd className="font-medium">{user.profile.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Extra permissions</dt>
            <dd>{extra.length ? extra.join(", ") : "None"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Recovery codes left</dt>
            <dd>{detail.recoveryCodesLeft} of 10</dd>
          </div>
          <div>
            <dt className="text-slate-500">Password</dt>
            <dd>
              {!detail.hasPassword ? (
                detail.activationLink ? (
                  <>
                    Not set — activation link valid until <LocalTime iso={detail.activationLink.expiresAt.toISOString()} />
                  </>
                ) : (
                  "Not set — the activation link expired or was used. Reset password issues a new one."
                )
              ) : user.passwordChangedAt ? (
                <>
                  Set <LocalTime iso={user.passwordChangedAt.toISOString()} />
                </>
              ) : (
                "Set"
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Last login</dt>
            <dd>{user.lastLoginAt ? <LocalTime iso={user.lastLoginAt.toISOString()} /> : "Never"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Created</dt>
            <dd>
              <LocalTime iso={user.createdAt.toISOString()} />
            </dd>
          </div>
        </dl>
      </Section>
      <MethodsSection detail={detail} canAct={canActOnMfa} stepUpHref={stepUpHref} />
      <TempCodeSection detail={detail} canAct={canActOnMfa} />
      <SessionsSection detail={detail} canAct={can["sessions.revoke"] && !self} stepUpHref={stepUpHref} currentSessionId={current.session.id} />
      <ActivitySection detail={detail} stepUpHref={historyStepUp} />
    </main>
  );
}
