import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/next/current-session";
import { CONSOLE_PERMISSIONS, hasAnyPermission } from "@/lib/users/permissions";

/** Each signed-in user's start page: Setup for those who may use it, My security for everyone else. */
export default async function Home() {
  const current = await getCurrentSession();
  if (!current) redirect("/login");
  redirect(hasAnyPermission(current.permissions, CONSOLE_PERMISSIONS) ? "/setup/users" : "/account/security");
}
