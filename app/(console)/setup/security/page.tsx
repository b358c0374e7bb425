import Link from "next/link";
import type { Metadata } from "next";
import { requireAction, requireHighAssurance } from "@/lib/next/guards";
import { SecuritySettingsForm } from "./security-settings-form";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  await requireAction("settings.view");
  const current = await requireHighAssurance("/setup/security");
  const settings = current.user.org.settings!;
  return (
    <main className="mx-auto max-w-2xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span> Security
      </nav>
      <h1 className="text-2xl font-semibold">Security</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <SecuritySettingsForm settings={settings} />
      </section>
    </main>
  );
}
