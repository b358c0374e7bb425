import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";

export const metadata: Metadata = { title: "Forgot password" };

// W2: no e-mail is sent in this version (docs/decisions/013): an administrator issues a link.
export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?">
      <div className="space-y-4 text-sm text-slate-700">
        <p>Ask your administrator or help desk to reset it. They give you a one-time link where you set a new password yourself; nobody else ever knows it.</p>
        <p>
          Your authenticator app or security key stays registered: you still verify with it after setting the new password. If you lost that too, tell your
          administrator — they can help with both at once.
        </p>
        <p className="text-slate-500">For your security, MFA Console does not send password reset e-mails.</p>
        <Link prefetch={false} href="/login" className="inline-block font-medium text-blue-700 hover:underline">
          Back to log in
        </Link>
      </div>
    </AuthCard>
  );
}
