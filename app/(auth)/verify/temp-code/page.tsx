import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CodeForm } from "@/components/auth/code-form";
import { getDb } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import { verifyTempCodeAction } from "./actions";

export const metadata: Metadata = { title: "Enter your temporary verification code" };

export default async function TempCodePage() {
  const token = await readPendingCookie();
  const pending = await findPendingLogin(await getDb(), { token, stage: "MFA_CHALLENGE" });
  if (!pending) redirect("/login");
  if (!pending.allowedMethods.includes("TEMP_CODE")) redirect("/verify");
  return (
    <AuthCard title="Enter your temporary verification code" subtitle={`Signing in as ${pending.user.username}`}>
      <CodeForm
        action={verifyTempCodeAction}
        submitLabel="Verify"
        hint="Your administrator gave you an 8-digit Temporary Verification Code. While it is active, it replaces your usual verification method."
        input={{ label: "Temporary Verification Code", inputMode: "numeric", maxLength: 9, autoComplete: "one-time-code" }}
      />
    </AuthCard>
  );
}
