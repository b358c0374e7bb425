// SPEC P3: the interactive API docs — Swagger UI over /api/v1/openapi.json: Authorize with a
// token, Try it out, Execute against this console. Public like the document itself; every call
// still needs a token.
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import Script from "next/script";
import { ShieldCheck } from "lucide-react";
import "swagger-ui-dist/swagger-ui.css";

export const metadata: Metadata = { title: "API Docs" };

/** The request's CSP nonce (scripts/http-edge.mjs), for the script below. */
async function cspNonce(): Promise<string | undefined> {
  const csp = (await headers()).get("content-security-policy") ?? "";
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}

export default async function ApiDocsPage() {
  const nonce = await cspNonce();
  return (
    <div className="min-h-screen bg-white">
      <header className="border-b border-slate-200">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
          <Link prefetch={false} href="/setup" className="flex items-center gap-2 font-semibold text-slate-900">
            <ShieldCheck aria-hidden className="h-6 w-6 text-blue-700" />
            MFA Console
          </Link>
          <nav aria-label="API" className="flex gap-4 text-sm font-medium text-slate-700">
            <Link prefetch={false} href="/setup/api-tokens" className="hover:text-slate-900">
              API Tokens
            </Link>
            <a href="/api/v1/openapi.json" className="hover:text-slate-900">
              openapi.json
            </a>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-2 pb-12">
        <div id="swagger-ui" />
        {/* It loads Swagger UI's bundle, then starts it (CSP: a script a nonce'd one adds may run). */}
        <Script src="/docs/api/assets/start.js" nonce={nonce} strategy="afterInteractive" />
      </main>
    </div>
  );
}
