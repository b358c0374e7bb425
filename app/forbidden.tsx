import Link from "next/link";
import { ShieldX } from "lucide-react";
import { LogoutButton } from "@/components/auth/logout-button";
import { getCurrentSession } from "@/lib/next/current-session";
import { landingPath } from "@/lib/next/landing-path";
import { refusedPermissionText } from "@/lib/next/forbidden-page";

export default async function Forbidden() {
  const needs = refusedPermissionText();
  const current = await getCurrentSession();
  // A way on: the start page this user may open (Setup or My security).
  const home = current ? landingPath(current.permissions) : "/login";
  const homeLabel = home === "/setup/users" ? "Go to Setup > Users" : home === "/account/security" ? "Go to My security" : "Log in";
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <ShieldX aria-hidden className="mx-auto h-10 w-10 text-red-600" />
      <h1 className="mt-4 text-xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        {needs ? `This page needs ${needs}.` : "Your profile doesn't include the permission this page needs."} Ask your administrator if you need it.
      </p>
      <p className="mt-1 text-xs text-slate-500">Error 403 — Forbidden</p>
      <div className="mt-6 flex items-center justify-center gap-3">
        <Link prefetch={false} href={home} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          {homeLabel}
        </Link>
        {current && <LogoutButton />}
      </div>
    </main>
  );
}
