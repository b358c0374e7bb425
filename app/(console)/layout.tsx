import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { requireSession } from "@/lib/next/guards";
import { Toaster } from "sonner";
import { LogoutButton } from "@/components/auth/logout-button";
import { SetupNav } from "@/components/console/setup-nav";
import { SessionLevelBadge } from "@/components/console/session-level-badge";
import { currentLevel } from "@/lib/auth/session-level";
import { permits, type Action } from "@/lib/policy/actions";

const SETUP_LINKS: { href: string; label: string; needs: Action }[] = [
  { href: "/setup", label: "Overview", needs: "console.view" },
  { href: "/setup/users", label: "Users", needs: "console.view" },
  { href: "/setup/profiles", label: "Profiles", needs: "console.view" },
  { href: "/setup/activity", label: "Verification History", needs: "history.view" },
  { href: "/setup/security", label: "Security", needs: "settings.view" },
  { href: "/setup/api-tokens", label: "API Tokens", needs: "api-tokens.view" },
  { href: "/setup/webhooks", label: "Webhooks", needs: "webhooks.view" },
];

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { user, session, permissions } = await requireSession();
  const canSeeUsers = permits(permissions, "console.view");
  return (
    <div className="min-h-screen">
      <a
        href="#main-content"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-blue-800 shadow focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[90rem] flex-wrap items-center justify-between gap-x-4 gap-y-2 px-6 py-3">
          <div className="flex items-center gap-6">
            <Link prefetch={false} href="/" className="flex items-center gap-2 font-semibold text-slate-900">
              <ShieldCheck aria-hidden className="h-6 w-6 text-blue-700" />
              MFA Console
            </Link>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" aria-label="Organization">
              {user.org.name}
            </span>
            {canSeeUsers && <SetupNav links={SETUP_LINKS.filter((l) => permits(permissions, l.needs)).map(({ href, label }) => ({ href, label }))} />}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <SessionLevelBadge highAssuranceUntil={currentLevel(session).until} />
            <span className="text-sm text-slate-700">{user.name}</span>
            <Link
              prefetch={false}
              href="/account/security"
              className="text-sm font-medium text-slate-700 underline-offset-4 hover:text-slate-900 hover:underline"
            >
              My security
            </Link>
            <LogoutButton />
          </div>
        </div>
      </header>
      <div id="main-content" tabIndex={-1} className="mx-auto max-w-6xl px-6 py-8 outline-none">
        {children}
      </div>
      {/* Results of actions ("MFA reset", "Saved"): sonner's list is an aria-live region. */}
      <Toaster position="top-center" richColors closeButton />
    </div>
  );
}
