import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/next/current-session";
import { permits } from "@/lib/policy/actions";

/** Each signed-in user's start page: Setup for those who may use it, My security for everyone else. */
export default async function Home() {
  const current = await getCurrentSession();
  if (!current) redirect("/login");
  redirect(permits(current.permissions, "console.view") ? "/setup/users" : "/account/security");
}
