// Guards for pages and actions: no session → the login page; missing permission → 403.
import { forbidden, redirect } from "next/navigation";
import type { Permission } from "@db/generated";
import { getCurrentSession, type CurrentSession } from "./current-session";
import { hasAnyPermission } from "@/lib/users/permissions";

export async function requireSession(): Promise<CurrentSession> {
  const current = await getCurrentSession();
  if (!current) redirect("/login");
  return current;
}

export async function requireAnyPermission(permissions: readonly Permission[]): Promise<CurrentSession> {
  const current = await requireSession();
  if (!hasAnyPermission(current.permissions, permissions)) forbidden();
  return current;
}
