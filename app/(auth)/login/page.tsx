import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { getCurrentSession } from "@/lib/next/current-session";
import { LoginForm } from "./login-form";
import { warmDummyHash } from "@/lib/auth/password";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage() {
  if (await getCurrentSession()) redirect("/");
  warmDummyHash(); // so the first unknown-user attempt costs what a wrong password costs

  return (
    <AuthCard title="Log in" subtitle="Use your work username and password.">
      <LoginForm />
    </AuthCard>
  );
}
