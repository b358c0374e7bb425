// next-auth answers 500 to some requests no browser of ours sends: a GET of the credentials
// callback, or a callbackUrl (query, form field or cookie) that does not parse as a URL. This
// refuses them first with a 4xx and a message; everything else goes to next-auth untouched.
import type { NextRequest } from "next/server";
import { config } from "@/lib/config";

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** A path on this console, or an absolute URL of its own origin: the only places a login may go. */
export function isOwnCallbackUrl(value: string): boolean {
  if (value.startsWith("/")) return !value.startsWith("//") && !value.startsWith("/\\") && !/[\u0000-\u001F]/.test(value);
  try {
    return new URL(value).origin === new URL(config.appUrl).origin;
  } catch {
    return false;
  }
}

export async function refuseAuthRequest(req: NextRequest, action: string | undefined): Promise<Response | null> {
  if (req.method === "GET" && action === "callback") {
    return Response.json({ error: "A login is finished by the login page, not by opening this address." }, { status: 405, headers: { Allow: "POST" } });
  }
  // next-auth puts `error` into a redirect header: anything but a plain word answers 500 there.
  const error = req.nextUrl.searchParams.get("error");
  if (error !== null && !/^[A-Za-z]{1,64}$/.test(error)) return Response.json({ error: "Not a login error this console reports." }, { status: 400 });
  const bad = (where: string) => Response.json({ error: `The ${where} callback URL isn't an address of this console.` }, { status: 400 });
  const query = req.nextUrl.searchParams.get("callbackUrl");
  if (query !== null && !isOwnCallbackUrl(query)) return bad("requested");
  for (const name of CALLBACK_COOKIES) {
    const cookie = req.cookies.get(name)?.value;
    if (cookie !== undefined && !isOwnCallbackUrl(cookie)) {
      const response = bad("remembered");
      response.headers.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
      return response;
    }
  }
  if (req.method === "POST" && (req.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
    const body = new URLSearchParams(await req.clone().text());
    const field = body.get("callbackUrl");
    if (field !== null && !isOwnCallbackUrl(field)) return bad("requested");
  }
  return null;
}
