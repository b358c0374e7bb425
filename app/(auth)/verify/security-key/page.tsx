import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/lib/db/client";
import { describeSecurityKeyChallenge } from "@/lib/mfa/webauthn/security-key-challenge";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import { SecurityKeyForm } from "./security-key-form";

export const metadata: Metadata = { title: "Verify your identity" };

export default async function SecurityKeyChallengePage() {
  const challenge = await describeSecurityKeyChallenge(await getDb(), { pendingToken: await readPendingCookie() });
  if (!challenge.ok) redirect(challenge.code === "METHOD_NOT_ALLOWED" ? "/verify" : "/login");
  return (
    <AuthCard title="Verify your identity" subtitle={`Signing in as ${challenge.username}`}>
      <SecurityKeyForm />
      {(challenge.offerTotp || challenge.offerRecoveryCode) && (
        <nav aria-label="Other ways to verify" className="mt-4 flex flex-col items-center gap-1 border-t border-slate-100 pt-4 text-sm">
          {challenge.offerTotp && (
            <Link prefetch={false} href="/verify/totp" className="text-slate-600 underline">
              Use authenticator app instead
            </Link>
          )}
          {challenge.offerRecoveryCode && (
            <Link prefetch={false} href="/verify/recovery-code" className="text-slate-600 underline">
              Use a recovery code
            </Link>
          )}
        </nav>
      )}
    </AuthCard>
  );
}
