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
  // Next.js decodes dynamic path segments and answers 500 when one is not valid percent-encoded
  // UTF-8 ("/setup/users/%ED%A0%80").
  if (!decodable((req.url ?? "/").split("?")[0])) return { status: 400, message: "That address is not valid." };
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

function decodable(path) {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
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

// A server action's body is React's reply format: JSON rows that refer to each other ("$K1", "$3",
// "$Q5"). Next.js decodes it before any action runs and answers 500 when it cannot — a root row
// that is missing or not JSON, or a reference to a row that is not there ("Connection closed").
// No browser sends such a body; this finds those faults first so they are answered 400. Forms
// of values it does not know are let through: it refuses only what React would fail on.
const INLINE = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);
const MAX_ROW_DEPTH = 64;

/** Why the body cannot be a server action's reply, or null. `body` is the whole request body. */
export async function malformedActionBody(body, contentType = "") {
  let rows;
  if (contentType.startsWith("multipart/form-data")) {
    try {
      rows = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      return "not valid multipart form data";
    }
  } else {
    rows = new Map([["0", body.toString("utf8")]]);
  }
  const seen = new Set();
  const checkRow = (id, depth) => {
    if (seen.has(id)) return null;
    seen.add(id);
    const row = rows.get(id);
    if (row === null || row === undefined) return `row ${id} is missing`;
    if (typeof row !== "string") return null; // a file (Blob) row
    let value;
    try {
      value = JSON.parse(row);
    } catch {
      return `row ${id} is not JSON`;
    }
    return checkValue(value, depth);
  };
  const checkValue = (value, depth) => {
    if (depth > MAX_ROW_DEPTH) return "nested too deeply";
    if (typeof value === "string") return checkReference(value, depth);
    if (value && typeof value === "object") {
      for (const item of Array.isArray(value) ? value : Object.values(value)) {
        const problem = checkValue(item, depth + 1);
        if (problem) return problem;
      }
    }
    return null;
  };
  const checkReference = (s, depth) => {
    if (!s.startsWith("$") || s.startsWith("$$") || INLINE.has(s)) return null;
    const formData = /^\$K([0-9a-f]+)$/.exec(s);
    if (formData) {
      const prefix = `_${formData[1]}_`;
      return [...rows.keys()].some((k) => k.startsWith(prefix)) ? null : `form data ${formData[1]} is missing`;
    }
    const row = /^\$[QWBiF@]?([0-9a-f]+)(?::|$)/.exec(s);
    return row ? checkRow(row[1], depth + 1) : null;
  };
  if (!rows.has("0")) return "the root row is missing";
  return checkRow("0", 0);
}
