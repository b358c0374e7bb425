import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAction, requireHighAssurance } from "@/lib/next/guards";
import { getUserDetail } from "@/lib/users/get-user-detail";
import { idSchema } from "@/lib/api/schemas";
import { Alert } from "@/components/ui/alert";
import { GenerateTempCodeForm } from "./generate-temp-code-form";
import { ConfirmAction } from "@/components/console/confirm-action";
import { expireTempCodeAction } from "../actions";

export const metadata: Metadata = { title: "Temporary Verification Code" };

export default async function GenerateTempCodePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string }> }) {
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
  const backLink = (
    <Link prefetch={false} href={back} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
      Back to {detail.user.name}
    </Link>
  );
  return (
    <main className="mx-auto max-w-lg space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href="/setup/users" className="hover:underline">
          Users
        </Link>{" "}
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href={`/setup/users/${id.data}`} className="hover:underline">
          {detail.user.name}
        </Link>
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Temporary Verification Code</h1>
        <p className="mt-1 text-sm text-slate-600">
          For {detail.user.name} ({detail.user.username}), who can&apos;t use their usual verification method. The code bypasses every other method until it
          expires or you click Expire Now.
        </p>
        <div className="mt-5">
          {/* Every refusal offers the way on: back to the user, or Expire Now right here. */}
          {!detail.user.isActive ? (
            <div className="space-y-4">
              <Alert>You can&apos;t generate a code for an inactive user. Reactivate the user first.</Alert>
              <div className="flex justify-end">{backLink}</div>
            </div>
          ) : detail.tempCode ? (
            <div className="space-y-4">
              <Alert>This user already has an active temporary verification code. Expire it before generating a new one.</Alert>
              <div className="flex justify-end gap-2">
                {backLink}
                <ConfirmAction
                  label="Expire Now"
                  title="Expire this temporary verification code?"
                  description={`${detail.user.name} can no longer log in with it; their usual verification method applies again.`}
                  confirmLabel="Expire Now"
                  variant="danger"
                  action={expireTempCodeAction}
                  hidden={{ userId: detail.user.id }}
                  successMessage="Temporary verification code expired. You can generate a new one."
                />
              </div>
            </div>
          ) : detail.user.id === current.user.id ? (
            <div className="space-y-4">
              <Alert>You can&apos;t generate a code for your own account. Ask another administrator.</Alert>
              <div className="flex justify-end">{backLink}</div>
            </div>
          ) : (
            <GenerateTempCodeForm userId={detail.user.id} userName={detail.user.name} maxHours={maxHours} doneHref={back} />
          )}
        </div>
      </section>
    </main>
  );
}
