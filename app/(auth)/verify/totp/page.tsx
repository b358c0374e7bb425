import type { Metadata } from "next";
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
  return (
    <AuthCard title="Verify your identity" subtitle={`Signing in as ${pending.user.username}`}>
      <CodeForm
        action={verifyTotpAction}
        submitLabel="Verify"
        hint="Open your authenticator app and enter the 6-digit code it shows for MFA Console."
      />
    </AuthCard>
  );
}
