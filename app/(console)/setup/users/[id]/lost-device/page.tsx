import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAction } from "@/lib/next/guards";
import { getUserDetail } from "@/lib/users/get-user-detail";
import { currentLevel } from "@/lib/auth/session-level";
import { stepUpPath } from "@/lib/auth/step-up-return";
import { idSchema } from "@/lib/api/schemas";
import { checkHistoryAccess } from "@/lib/next/history-access";
import { Alert } from "@/components/ui/alert";
import { MethodsSection } from "../methods-section";
import { TempCodeSection } from "../temp-code-section";
import { SessionsSection } from "../sessions-section";
import { ActivitySection } from "@/components/console/user-detail/activity-section";

export const metadata: Metadata = { title: "Lost or stolen device" };

/** A7: the whole rescue on one screen, in the order an admin should do it. */
export default async function LostDevicePage({ params }: { params: Promise<{ id: string }> }) {
  const current = await requireAction("lost-device.view");
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const detail = await getUserDetail(current.orgDb, { userId: id.data });
  if (!detail) notFound();
  const self = detail.user.id === current.user.id;
  const here = `/setup/users/${detail.user.id}/lost-device`;
  const stepUpHref = currentLevel(current.session).level === "HIGH_ASSURANCE" ? undefined : stepUpPath(here);
  // S2: reading verification history may itself need High Assurance.
  const historyStepUp = (await checkHistoryAccess()).ok ? undefined : stepUpPath(here);
  const steps = [
    "Review recent activity: was the device used after it went missing?",
    "Disconnect the lost authenticator app or security key.",
    "End every session, so a stolen device that is still signed in is logged out.",
    "Generate a temporary verification code so the user can log in and register a new method.",
  ];
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
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href={`/setup/users/${detail.user.id}`} className="hover:underline">
          {detail.user.name}
        </Link>{" "}
        <span aria-hidden>›</span> Lost or stolen device
      </nav>
      <h1 className="text-2xl font-semibold">Lost or stolen device: {detail.user.name}</h1>
      {self && <Alert>You can&apos;t do this for your own account. Ask another administrator.</Alert>}
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <ActivitySection detail={detail} stepUpHref={historyStepUp} />
      <MethodsSection detail={detail} canAct={!self} stepUpHref={stepUpHref} />
      <SessionsSection detail={detail} canAct={!self} stepUpHref={stepUpHref} currentSessionId={current.session.id} />
      <TempCodeSection detail={detail} canAct={!self} generateHref={`/setup/users/${detail.user.id}/temp-code?from=lost-device`} />
      <div className="flex justify-end">
        <Link
          prefetch={false}
          href={`/setup/users/${detail.user.id}`}
          className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
        >
          Done — back to the user
        </Link>
      </div>
    </main>
  );
}
