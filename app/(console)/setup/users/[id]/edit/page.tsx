import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAction, requireHighAssurance } from "@/lib/next/guards";
import { listProfiles } from "@/lib/users/list-profiles";
import { getUserDetail } from "@/lib/users/get-user-detail";
import { idSchema } from "@/lib/api/schemas";
import { UserForm } from "@/components/console/user-form";
import { updateUserAction } from "./actions";

export const metadata: Metadata = { title: "Edit user" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAction("user.update");
  const id = idSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const { orgDb } = await requireHighAssurance(`/setup/users/${id.data}/edit`);
  const [detail, profiles] = await Promise.all([getUserDetail(orgDb, { userId: id.data }), listProfiles(orgDb)]);
  if (!detail) notFound();
  const { user } = detail;
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
        <span aria-hidden>›</span>{" "}
        <Link prefetch={false} href={`/setup/users/${user.id}`} className="hover:underline">
          {user.name}
        </Link>{" "}
        <span aria-hidden>›</span> Edit
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">Edit {user.name}</h1>
        <UserForm
          action={updateUserAction}
          profiles={profiles}
          mode="edit"
          cancelHref={`/setup/users/${user.id}`}
          initial={{ userId: user.id, name: user.name, username: user.username, profileId: user.profileId, extraPermissions: user.extraPermissions }}
        />
      </section>
    </main>
  );
}
