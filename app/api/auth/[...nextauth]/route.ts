import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/next/auth-options";
import { refuseAuthRequest } from "@/lib/next/auth-route-guard";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

async function guarded(req: NextRequest, context: Context): Promise<Response> {
  const refused = await refuseAuthRequest(req, (await context.params).nextauth?.[0]);
  return refused ?? handler(req, context);
}
export { guarded as GET, guarded as POST };
