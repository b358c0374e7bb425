import type { Metadata } from "next";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/lib/db/client";
import { beginTotpEnrollment } from "@/lib/mfa/begin-totp-enrollment";
import { readPendingCookie } from "@/lib/next/pending-cookie";
import { CodeForm } from "@/components/auth/code-form";
import { confirmEnrollmentAction } from "./actions";

export const metadata: Metadata = { title: "Set up an authenticator app" };

export default async function EnrollPage() {
  const token = await readPendingCookie();
  const enrollment = await beginTotpEnrollment(await getDb(), { pendingToken: token });
  if (!enrollment.ok) redirect("/login");
  const qrSvg = await QRCode.toString(enrollment.uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const grouped = enrollment.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <AuthCard title="Set up an authenticator app" subtitle={`Registering a second verification method for ${enrollment.username}.`}>
      <CodeForm
        action={confirmEnrollmentAction}
        submitLabel="Verify and continue"
        hint="The code changes every 30 seconds."
        otherMethodsHref="/verify/enroll"
        registeredText="Authenticator app registered"
        instructions={
          <ol className="mb-5 list-decimal space-y-4 pl-5 text-sm text-slate-700">
            <li>
              Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).
              <div
                role="img"
                aria-label="QR code for your authenticator app"
                className="mx-auto mt-3 w-44 [&>svg]:h-auto [&>svg]:w-full"
                dangerouslySetInnerHTML={{ __html: qrSvg }}
              />
            </li>
            <li>
              Can&apos;t scan? Enter this key manually:
              <code
                data-testid="manual-key"
                aria-label="Manual key"
                className="mt-2 block rounded bg-slate-100 px-3 py-2 text-center font-mono text-sm tracking-wider text-slate-900"
              >
                {grouped}
              </code>
            </li>
            <li>Enter the 6-digit code the app shows to finish.</li>
          </ol>
        }
      />
    </AuthCard>
  );
}
