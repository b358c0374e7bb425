import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { requireSession } from "@/lib/next/guards";
import { listStepUpMethods, type StepUpMethod } from "@/lib/auth/step-up-methods";
import { safeReturnPath } from "@/lib/auth/step-up-return";
import { StepUpForm } from "./step-up-form";
import { KeyStepUp } from "./key-step-up";
import { stepUpRecoveryCodeAction, stepUpTotpAction } from "./actions";

export const metadata: Metadata = { title: "Verify your identity" };

interface MethodView {
  /** The `method` query value that picks this view. */
  slug: string;
  /** The link that switches to this view from another. */
  switchLabel: string;
  render(next: string): React.ReactNode;
}

// Each way to verify is one entry, offered in STEP_UP_ORDER (a security key first, as at login).
const VIEWS: Record<StepUpMethod, MethodView> = {
  WEBAUTHN: {
    slug: "security-key",
    switchLabel: "Use your security key or passkey instead",
    render: (next) => <KeyStepUp next={next} />,
  },
  TOTP: {
    slug: "authenticator-app",
    switchLabel: "Use your authenticator app instead",
    render: (next) => (
      <StepUpForm
        action={stepUpTotpAction}
        next={next}
        hint="Open your authenticator app and enter the 6-digit code it shows for MFA Console."
        input={{ label: "Verification code", inputMode: "numeric", maxLength: 7, autoComplete: "one-time-code" }}
      />
    ),
  },
  RECOVERY_CODE: {
    slug: "recovery-code",
    switchLabel: "Use a recovery code",
    render: (next) => (
      <StepUpForm
        action={stepUpRecoveryCodeAction}
        next={next}
        hint="Enter one of the recovery codes you saved. Each code works once."
        input={{ label: "Recovery code", inputMode: "text", maxLength: 20 }}
      />
    ),
  },
};

export default async function StepUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, orgDb } = await requireSession();
  const params = await searchParams;
  const next = safeReturnPath(typeof params.next === "string" ? params.next : undefined);
  const methods = await listStepUpMethods(orgDb, { userId: user.id });
  const offered = methods.usable;
  const chosen = offered.find((m) => VIEWS[m].slug === params.method) ?? offered[0];
  const windowMinutes = user.org.settings?.highAssuranceMinutes ?? 60;

  return (
    <AuthCard title="Verify your identity" subtitle="This action needs a recently verified session.">
      <p className="-mt-2 mb-4 text-sm text-slate-600">
        Signed in as <span className="font-medium text-slate-800">{user.username}</span>. Once verified, your session stays High Assurance for {windowMinutes}{" "}
        minutes.
      </p>
      {chosen ? (
        <>
          {VIEWS[chosen].render(next)}
          {offered.length > 1 && (
            <nav aria-label="Other ways to verify" className="mt-3 flex flex-col items-center gap-1 text-sm">
              {offered
                .filter((m) => m !== chosen)
                .map((m) => (
                  <Link
                    prefetch={false}
                    key={m}
                    href={`/verify/step-up?method=${VIEWS[m].slug}&next=${encodeURIComponent(next)}`}
                    className="text-slate-600 underline"
                  >
                    {VIEWS[m].switchLabel}
                  </Link>
                ))}
            </nav>
          )}
        </>
      ) : (
        <NoUsableMethod hasAnyMethod={methods.hasAnyMethod} />
      )}
      <Link prefetch={false} href="/" className="mt-3 block text-center text-sm text-slate-600 underline">
        Cancel
      </Link>
    </AuthCard>
  );
}

function NoUsableMethod({ hasAnyMethod }: { hasAnyMethod: boolean }) {
  return (
    <div role="status" className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      {hasAnyMethod ? (
        <p>None of your registered methods can confirm your identity here. Ask your administrator for help.</p>
      ) : (
        <p>You don&apos;t have a verification method yet, so your identity can&apos;t be confirmed. Add an authenticator app or a security key first.</p>
      )}
      <Link prefetch={false} href="/account/security" className="inline-block font-medium text-blue-700 underline">
        Go to My security
      </Link>
    </div>
  );
}
