import { LogoutButton } from "@/components/auth/logout-button";
import { ShieldX } from "lucide-react";

export default function Forbidden() {
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <ShieldX aria-hidden className="mx-auto h-10 w-10 text-red-600" />
      <h1 className="mt-4 text-xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        Setup &gt; Users needs the Manage Users, Manage Multi-Factor Authentication in User Interface, or View
        Identity Verification Activity permission. Ask your administrator if you need it.
      </p>
      <p className="mt-1 text-xs text-slate-500">Error 403 — Forbidden</p>
      <div className="mt-6">
        <LogoutButton />
      </div>
    </main>
  );
}
