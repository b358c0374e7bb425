import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/next/current-session";
import { landingPath } from "@/lib/next/landing-path";

export default async function Home() {
  const current = await getCurrentSession();
  if (!current) redirect("/login");
  redirect(landingPath(current.permissions));
}
