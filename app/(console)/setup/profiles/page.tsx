import Link from "next/link";
import type { Metadata } from "next";
import { requireAction } from "@/lib/next/guards";
import { PERMISSION_LABELS } from "@/lib/users/permissions";
import { permits } from "@/lib/policy/actions";
import { listProfilesWithUsage } from "@/lib/orgs/list-profiles-with-usage";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { ConfirmAction } from "@/components/console/confirm-action";
import { Badge } from "@/components/ui/badge";
import { setProfileLevelAction } from "./actions";

export const metadata: Metadata = { title: "Profiles" };

export default async function ProfilesPage() {
  const current = await requireAction("console.view");
  const profiles = await listProfilesWithUsage(current.orgDb);
  const canEdit = permits(current.permissions, "profile.set-login-level");
  const stepUpHref = currentLevel(current.session).level === "HIGH_ASSURANCE" ? undefined : stepUpPath("/setup/profiles");
  return (
    <main className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span> Profiles
      </nav>
      <h1 className="text-2xl font-semibold">Profiles</h1>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Profiles</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">
                Profile
              </th>
              <th scope="col" className="px-4 py-3">
                Permissions
              </th>
              <th scope="col" className="px-4 py-3">
                Users
              </th>
              <th scope="col" className="px-4 py-3">
                Session security level required at login
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {profiles.map((p) => {
              const high = p.requiredLevelAtLogin === "HIGH_ASSURANCE";
              return (
                <tr key={p.id}>
                  <td className="px-4 py-3 font-medium">{p.name}</td>
                  <td className="px-4 py-3">
                    {p.permissions.length ? p.permissions.map((x) => PERMISSION_LABELS[x]).join(", ") : <span className="text-slate-500">None</span>}
                  </td>
                  <td className="px-4 py-3">{p.users}</td>
                  <td className="px-4 py-3">
                    <div className="flex items-center gap-2">
                      <Badge tone={high ? "blue" : "slate"}>{high ? "High Assurance" : "None"}</Badge>
                      {canEdit && (
                        <ConfirmAction
                          label={high ? "Remove requirement" : "Require High Assurance"}
                          title={high ? `Remove the login requirement of ${p.name}?` : `Require High Assurance at login for ${p.name}?`}
                          description={
                            high ? (
                              "Users of this profile then follow the org's MFA setting."
                            ) : p.holdsApiOnlyUsers ? (
                              <strong className="text-red-800">
                                Warning: this profile holds Api Only users. Token-based API calls cannot step up, so this would break their integrations.
                              </strong>
                            ) : (
                              "Every user of this profile must complete MFA at each login."
                            )
                          }
                          confirmLabel={high ? "Remove requirement" : "Require High Assurance"}
                          action={setProfileLevelAction}
                          hidden={{ profileId: p.id, level: high ? "NONE" : "HIGH_ASSURANCE" }}
                          successMessage={high ? `${p.name}: login requirement removed.` : `${p.name}: High Assurance required at login.`}
                          stepUpHref={stepUpHref}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </main>
  );
}
