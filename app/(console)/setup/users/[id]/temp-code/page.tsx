import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAction, requireHighAssurance } from "@/lib/next/guards";
import { getUserDetail } from "@/lib/users/get-user-detail";
import { idSchema } from "@/lib/api/schemas";
import { Alert } from "@/components/ui/alert";
import { GenerateTempCodeForm } from "@/components/console/generate-temp-code-form";

export const metadata: Metadata = { title: "Temporary Verification Code" };

export default async function GenerateTempCodePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string }>;
}) {
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const from = (await searchParams).from === "lost-device" ? "lost-device" : null;
  const here = `/setup/users/${id.data}/temp-code${from ? "?from=lost-device" : ""}`;
  await requireAction("temp-code.generate");
  const current = await requireHighAssurance(here);
  const detail = await getUserDetail(current.orgDb, { userId: id.data });
  if (!detail) notFound();
  const back = `/setup/users/${id.data}${from ? "/lost-device" : ""}`;
  const maxHours = current.user.org.settings?.tempCodeMaxHours ?? 24;
  return (
    <main className="mx-auto max-w-lg space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">Setup</Link> <span aria-hidden>›</span> <Link prefetch={false} href="/setup/users" className="hover:underline">Users</Link> <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href={`/setup/users/${id.data}`} className="hover:underline">{detail.user.name}</Link>
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Temporary Verification Code</h1>
        <p className="mt-1 text-sm text-slate-600">
          For {detail.user.name} ({detail.user.username}), who can&apos;t use their usual verification method. The code bypasses every other
          method until it expires or you click Expire Now.
        </p>
        <div className="mt-5">
          {!detail.user.isActive ? (
            <Alert>You can&apos;t generate a code for an inactive user. Reactivate the user first.</Alert>
          ) : detail.tempCode ? (
            <Alert>
              This user already has an active temporary verification code. Go back and click Expire Now before generating a new one.
            </Alert>
          ) : detail.user.id === current.user.id ? (
            <Alert>You can&apos;t generate a code for your own account. Ask another administrator.</Alert>
          ) : (
            <GenerateTempCodeForm userId={detail.user.id} userName={detail.user.name} maxHours={maxHours} doneHref={back} />
          )}
        </div>
      </section>
    </main>
  );
}
