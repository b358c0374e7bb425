import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CodeForm } from "@/components/auth/code-form";
import { getDb } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import { verifyRecoveryCodeAction } from "./actions";

export const metadata: Metadata = { title: "Use a recovery code" };

export default async function RecoveryCodePage() {
  const token = await readPendingCookie();
  const pending = await findPendingLogin(await getDb(), { token, stage: "MFA_CHALLENGE" });
  if (!pending) redirect("/login");
  if (!pending.allowedMethods.includes("RECOVERY_CODE")) redirect("/verify/temp-code");
  return (
    <AuthCard title="Use a recovery code" subtitle={`Signing in as ${pending.user.username}`}>
      <CodeForm
        action={verifyRecoveryCodeAction}
        submitLabel="Verify"
        hint="Enter one of the recovery codes you saved when you set up MFA. Each code works once."
        input={{ label: "Recovery code", inputMode: "text", maxLength: 20 }}
      />
      <Link prefetch={false} href="/verify" className="mt-3 block text-center text-sm text-slate-600 underline">
        Use another method
      </Link>
    </AuthCard>
  );
}
