import type { Metadata } from "next";
import Link from "next/link";
import { requireHighAssurance, requireSession } from "@/lib/next/guards";
import { listStepUpMethods } from "@/lib/auth/step-up-methods";
import { ChangePasswordForm } from "./change-password-form";
import { CHANGE_PASSWORD_PATH } from "../state";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  let current = await requireSession();
  // W3, L10: a freshly verified session, like the other sensitive changes on My security.
  const { hasAnyMethod } = await listStepUpMethods(current.orgDb, { userId: current.user.id });
  if (hasAnyMethod) current = await requireHighAssurance(CHANGE_PASSWORD_PATH);
  const { user } = current;
  return (
    <main className="max-w-xl space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link prefetch={false} href="/account/security" className="underline-offset-4 hover:underline">
            My security
          </Link>{" "}
          <span aria-hidden>›</span> Change password
        </nav>
        <h1 className="mt-1 text-2xl font-semibold">Change password</h1>
        <p className="mt-1 text-sm text-slate-600">For {user.username}. Your other sessions end when you save; this one stays.</p>
      </div>
      <section aria-label="Your new password" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ChangePasswordForm username={user.username} orgName={user.org.name} minLength={user.org.settings?.passwordMinLength ?? 12} />
      </section>
    </main>
  );
}
