import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { KeyRound, Smartphone } from "lucide-react";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { readPendingCookie } from "@/lib/next/pending-cookie";

export const metadata: Metadata = { title: "Set up multi-factor authentication" };

const CHOICES = [
  {
    href: "/verify/enroll/totp",
    icon: Smartphone,
    title: "Authenticator app",
    text: "Google Authenticator, Microsoft Authenticator, 1Password or any app that shows 6-digit codes.",
  },
  {
    href: "/verify/enroll/security-key",
    icon: KeyRound,
    title: "Security key or passkey",
    text: "A USB or NFC security key, or a passkey on this device (fingerprint, face or PIN).",
  },
];

export default async function EnrollChoicePage() {
  const token = await readPendingCookie();
  const pending = await findPendingLogin(await getDb(), { token, stage: "ENROLLMENT" });
  if (!pending) redirect("/login");
  return (
    <AuthCard
      title="Set up multi-factor authentication"
      subtitle={`Your organization requires a second verification method for ${pending.user.username}. Choose one:`}
    >
      <ul className="space-y-3">
        {CHOICES.map(({ href, icon: Icon, title, text }) => (
          <li key={href}>
            <Link prefetch={false} href={href} className="flex gap-3 rounded-md border border-slate-200 p-3 hover:border-blue-600 hover:bg-blue-50">
              <Icon aria-hidden className="mt-0.5 h-5 w-5 shrink-0 text-blue-700" />
              <span>
                <span className="block text-sm font-medium text-slate-900">{title}</span>
                <span className="block text-xs text-slate-600">{text}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Link prefetch={false} href="/login" className="mt-4 block text-center text-sm text-slate-600 underline">
        Cancel and log in as someone else
      </Link>
    </AuthCard>
  );
}
