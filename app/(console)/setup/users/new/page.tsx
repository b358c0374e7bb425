import type { Metadata } from "next";
import Link from "next/link";
import { requireAction, requireHighAssurance } from "@/lib/next/guards";
import { listProfiles } from "@/lib/users/list-profiles";
import { UserForm } from "@/components/console/user-form";
import { createUserAction } from "./actions";

export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  await requireAction("user.create");
  const { orgDb } = await requireHighAssurance("/setup/users/new");
  const profiles = await listProfiles(orgDb);
  return (
    <main className="mx-auto max-w-lg space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href="/setup/users" className="hover:underline">
          Users
        </Link>{" "}
        <span aria-hidden>›</span> New user
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">New user</h1>
        <UserForm action={createUserAction} profiles={profiles} mode="create" cancelHref="/setup/users" />
      </section>
    </main>
  );
}
