import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import { TotpForm } from "./totp-form";

export const metadata: Metadata = { title: "Verify your identity" };

export default async function TotpChallengePage() {
  const token = await readPendingCookie();
  const pending = await findPendingLogin(await getDb(), { token, stage: "MFA_CHALLENGE" });
  if (!pending) redirect("/login");
  return (
    <AuthCard title="Verify your identity" subtitle={`Signing in as ${pending.user.username}`}>
      <TotpForm />
    </AuthCard>
  );
}
