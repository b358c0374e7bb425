import type { Metadata } from "next";
import Link from "next/link";
import { requireAssuranceToAddMethod } from "@/lib/next/guards";
import { listMyMethods } from "@/lib/account/list-my-methods";
import { DEFAULT_KEY_NAME, KEY_NAME_MAX_LENGTH } from "@/lib/mfa/webauthn/schemas";
import { AddKeyForm } from "./add-key-form";
import { ADD_KEY_PATH, MY_SECURITY_PATH } from "../state";

export const metadata: Metadata = { title: "Add a security key or passkey" };

export default async function AddKeyPage() {
  const { user, orgDb } = await requireAssuranceToAddMethod(ADD_KEY_PATH);
  // A name that tells this key from the ones already registered.
  const keys = (await listMyMethods(orgDb, { userId: user.id })).filter((m) => m.kind === "WEBAUTHN").length;
  const defaultName = keys === 0 ? DEFAULT_KEY_NAME : `${DEFAULT_KEY_NAME} ${keys + 1}`;
  return (
    <main className="max-w-2xl space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link prefetch={false} href={MY_SECURITY_PATH} className="underline-offset-4 hover:underline">
            My security
          </Link>{" "}
          <span aria-hidden>›</span> Add security key or passkey
        </nav>
        <h1 className="mt-1 text-2xl font-semibold">Add a security key or passkey</h1>
        <p className="mt-1 text-sm text-slate-600">Registering another verification method for {user.username}.</p>
      </div>
      <section aria-label="Register the key" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="max-w-sm">
          <AddKeyForm defaultName={defaultName} maxNameLength={KEY_NAME_MAX_LENGTH} />
        </div>
      </section>
    </main>
  );
}
