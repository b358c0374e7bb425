import type { Permission } from "@db/generated";
import { permits } from "@/lib/policy/actions";

/** Each signed-in user's start page: Setup for those who may use it, My security for everyone else. */
export function landingPath(permissions: ReadonlySet<Permission>): string {
  return permits(permissions, "console.view") ? "/setup/users" : "/account/security";
}
