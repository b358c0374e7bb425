import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/next/current-session";

export default async function Home() {
  redirect((await getCurrentSession()) ? "/setup/users" : "/login");
}
