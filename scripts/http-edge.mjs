// What every request meets before Next.js sees it (scripts/server.mjs): the checks that must hold
// for every route alike, and the security headers of every response. Plain JavaScript, because
// the server runs without a build step of its own; tested in scripts/http-edge.test.ts.
import crypto from "node:crypto";

/** Server actions and form posts are small; Next's own limit (1 MB) would answer 500. */
export const MAX_BODY_BYTES = 1024 * 1024;

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * A refusal for requests no route may take, or null: a body over MAX_BODY_BYTES (413), a server
 * action without a declared length (411), and a state-changing request from another site (403) —
 * a browser says so in Sec-Fetch-Site and Origin; a script calling the API with a token sends
 * neither and is judged by its token.
 */
export function refuseAtEdge(req, { trustProxy = false } = {}) {
  if (!UNSAFE_METHODS.has(req.method ?? "")) return null;
  const length = req.headers["content-length"];
  if (length !== undefined && !(Number(length) <= MAX_BODY_BYTES)) {
    return { status: 413, message: `That request is too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB.` };
  }
  if (length === undefined && req.headers["next-action"]) {
    return { status: 411, message: "Send the request with a Content-Length." };
  }
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return crossOrigin();
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const host = (trustProxy && req.headers["x-forwarded-host"]) || req.headers.host;
    let originHost = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!originHost || originHost !== host) return crossOrigin();
  }
  return null;
}

function crossOrigin() {
  return { status: 403, message: "This request came from another site and was refused. Use the console itself." };
}

export function newNonce() {
  return crypto.randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of every response. Next.js finds the nonce in the request's copy of
 * this header and puts it on its own scripts; 'strict-dynamic' lets those load the page's chunks.
 * Styles stay 'unsafe-inline': React and the charts set style attributes, which carry no script.
 */
export function contentSecurityPolicy(nonce, { https = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** HSTS only where the console is served over https: a browser then never tries plain http. */
export function transportSecurity({ https = false } = {}) {
  return https ? "max-age=31536000; includeSubDomains" : null;
}
