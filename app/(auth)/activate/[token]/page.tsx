import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/lib/db/client";
import { readActivationLink } from "@/lib/activation/read-activation-link";
import { errorMessage } from "@/lib/errors";
import { ActivationForm } from "./activation-form";

// The token is in this page's URL: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

export default async function ActivatePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const read = await readActivationLink(await getDb(), { token: decodeURIComponent(token) });
  if (!read.ok) {
    return (
      <AuthCard title="This link can't be used">
        <div className="space-y-4">
          <Alert>{errorMessage(read.code)}</Alert>
          <Link prefetch={false} href="/login" className="inline-block text-sm font-medium text-blue-700 hover:underline">
            Go to the login page
          </Link>
        </div>
      </AuthCard>
    );
  }
  const { target } = read;
  return (
    <AuthCard
      title={target.purpose === "NEW_USER" ? "Welcome — set your password" : "Set a new password"}
      subtitle={`For ${target.username} at ${target.orgName}. Then you verify your identity${target.purpose === "NEW_USER" ? " and register an authenticator app or security key" : ""}.`}
    >
      <ActivationForm token={token} username={target.username} orgName={target.orgName} minLength={target.passwordMinLength} />
    </AuthCard>
  );
}
