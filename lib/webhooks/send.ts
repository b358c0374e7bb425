// One attempt (B8): POST the signed body, at most ATTEMPT_TIMEOUT_MS in all, the address checked
// by the SSRF guard as it is connected to, no redirect followed (node:http never follows one, and
// a 3xx is simply not a 2xx). The answer's body is read and dropped: only its status counts.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { ATTEMPT_TIMEOUT_MS } from "./delivery-policy";
import { checkUrlSyntax, guardedLookup, hostOf, refusedAddress, type UrlPolicy } from "./url-guard";

export interface AttemptResult {
  status: number | null;
  durationMs: number;
  error: string | null;
}

export async function sendAttempt(opts: {
  url: string;
  body: string;
  headers: Record<string, string>;
  policy: UrlPolicy;
  timeoutMs?: number;
}): Promise<AttemptResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): AttemptResult => ({ status, error, durationMs: Math.round(performance.now() - started) });
  const syntax = checkUrlSyntax(opts.url, opts.policy);
  if (!syntax.ok) return done(null, "Address refused: not an https:// address");
  // An IP literal is connected to without a lookup, so it is judged here.
  const host = hostOf(syntax.url);
  if (net.isIP(host)) {
    const refused = refusedAddress(host, opts.policy);
    if (refused) return done(null, `Address refused: ${refused}`);
  }
  const timeoutMs = opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const client = syntax.url.protocol === "https:" ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(status, error));
    };
    const request = client.request(
      syntax.url,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "MFA-Console-Webhooks/1",
          ...opts.headers,
          "Content-Length": Buffer.byteLength(opts.body),
        },
        lookup: guardedLookup(opts.policy),
        agent: false,
      },
      (response) => {
        response.resume();
        response.on("end", () => finish(response.statusCode ?? null, null));
        response.on("error", () => finish(response.statusCode ?? null, null));
      },
    );
    const timer = setTimeout(() => {
      finish(null, `No answer within ${timeoutMs / 1000} s`);
      request.destroy();
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      const refused = error.code === "EADDRREFUSED_BY_POLICY";
      finish(null, refused ? `Address refused: ${error.message}` : `${error.code ?? "Error"}: ${error.message}`.slice(0, 300));
    });
    request.end(opts.body);
  });
}
