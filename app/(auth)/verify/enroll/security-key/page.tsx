import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import { DEFAULT_KEY_NAME, KEY_NAME_MAX_LENGTH } from "@/lib/mfa/webauthn/schemas";
import { RegisterKeyForm } from "./register-key-form";

export const metadata: Metadata = { title: "Set up a security key or passkey" };

export default async function EnrollSecurityKeyPage() {
  const pending = await findPendingLogin(await getDb(), { token: await readPendingCookie(), stage: "ENROLLMENT" });
  if (!pending) redirect("/login");
  return (
    <AuthCard title="Set up a security key or passkey" subtitle={`Registering a second verification method for ${pending.user.username}.`}>
      <RegisterKeyForm defaultName={DEFAULT_KEY_NAME} maxNameLength={KEY_NAME_MAX_LENGTH} />
    </AuthCard>
  );
}
