import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import { CodeForm } from "@/components/auth/code-form";
import { verifyTotpAction } from "./actions";

export const metadata: Metadata = { title: "Verify your identity" };

export default async function TotpChallengePage() {
  const token = await readPendingCookie();
  const pending = await findPendingLogin(await getDb(), { token, stage: "MFA_CHALLENGE" });
  if (!pending) redirect("/login");
  if (!pending.allowedMethods.includes("TOTP")) redirect("/verify");
  return (
    <AuthCard title="Verify your identity" subtitle={`Signing in as ${pending.user.username}`}>
      <CodeForm action={verifyTotpAction} submitLabel="Verify" hint="Open your authenticator app and enter the 6-digit code it shows for MFA Console." />
      <nav aria-label="Other ways to verify" className="mt-3 flex flex-col items-center gap-1 text-sm">
        {pending.allowedMethods.includes("WEBAUTHN") && (
          <Link prefetch={false} href="/verify/security-key" className="text-slate-600 underline">
            Use a security key or passkey instead
          </Link>
        )}
        {pending.allowedMethods.includes("RECOVERY_CODE") && (
          <Link prefetch={false} href="/verify/recovery-code" className="text-slate-600 underline">
            Use a recovery code
          </Link>
        )}
      </nav>
    </AuthCard>
  );
}
