import type { Metadata } from "next";
import Link from "next/link";
import QRCode from "qrcode";
import { requireAssuranceToAddMethod } from "@/lib/next/guards";
import { listMyMethods } from "@/lib/account/list-my-methods";
import { beginTotpRegistration } from "@/lib/mfa/begin-totp-registration";
import { DEFAULT_TOTP_NAME } from "@/lib/mfa/begin-totp-enrollment";
import { AddAuthenticatorForm } from "./add-authenticator-form";
import { ADD_AUTHENTICATOR_PATH } from "../state";

export const metadata: Metadata = { title: "Add an authenticator app" };

export default async function AddAuthenticatorPage() {
  const { user, orgDb } = await requireAssuranceToAddMethod(ADD_AUTHENTICATOR_PATH);
  const registration = await beginTotpRegistration({ orgDb, me: { id: user.id, orgId: user.orgId, username: user.username } });
  // A name that tells this app from the ones already registered.
  const apps = (await listMyMethods(orgDb, { userId: user.id })).filter((m) => m.kind === "TOTP").length;
  const defaultName = apps === 0 ? DEFAULT_TOTP_NAME : `${DEFAULT_TOTP_NAME} ${apps + 1}`;
  const qrSvg = await QRCode.toString(registration.uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const grouped = registration.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <main className="max-w-2xl space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link prefetch={false} href="/account/security" className="underline-offset-4 hover:underline">
            My security
          </Link>{" "}
          <span aria-hidden>›</span> Add authenticator app
        </nav>
        <h1 className="mt-1 text-2xl font-semibold">Add an authenticator app</h1>
        <p className="mt-1 text-sm text-slate-600">Registering another verification method for {registration.username}.</p>
      </div>
      <section aria-label="Set up the app" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ol className="list-decimal space-y-5 pl-5 text-sm text-slate-700">
          <li>
            Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="mt-3 w-44 [&>svg]:h-auto [&>svg]:w-full"
              dangerouslySetInnerHTML={{ __html: qrSvg }}
            />
          </li>
          <li>
            Can&apos;t scan? Enter this key manually:
            <code
              data-testid="manual-key"
              aria-label="Manual key"
              className="mt-2 block w-fit rounded bg-slate-100 px-3 py-2 font-mono text-sm tracking-wider text-slate-900"
            >
              {grouped}
            </code>
          </li>
          <li>
            Name the app and enter the code it shows to finish.
            <div className="mt-3 max-w-sm">
              <AddAuthenticatorForm defaultName={defaultName} />
            </div>
          </li>
        </ol>
      </section>
    </main>
  );
}
