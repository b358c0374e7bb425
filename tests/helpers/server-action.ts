// Replays Next.js server actions as the browser sends them (docs: ../shared/TOOLCHAIN.md,
// "Replaying a Next.js server action by hand"), for tests that must reach an action with values
// no form of ours would send. Checked against a real submission of the login form in Chromium:
//   POST <page>  Next-Action: <id>  Accept: text/x-component  multipart/form-data
//   _1_<field>=<value> … and 0=[<previous state>,"$K1"]   (a useActionState form action)
// An action called with plain arguments (e.g. a WebAuthn ceremony's result) sends them instead as
// one JSON array in a text/plain body. The answer is RSC text: row 0 names the row holding the
// action's return value; a redirect comes back in the x-action-redirect header.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

export interface ServerAction {
  id: string;
  /** e.g. "app/(console)/setup/users/[id]/actions.ts" */
  file: string;
  name: string;
  /** The pages whose forms carry the action, as URL patterns ("/setup/users/[id]"). */
  pages: string[];
}

interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

/** "app/(console)/setup/users/[id]/page" → "/setup/users/[id]" (route groups are not in URLs). */
function pagePattern(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/");
  return "/" + segments.filter((s) => s && !/^\(.*\)$/.test(s)).join("/");
}

/** Every server action of the build in `.next`, from the manifest Next writes next to it. */
export function serverActionsOfBuild(dir = ".next"): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, "server/server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    file: entry.filename,
    name: entry.exportedName,
    pages: Object.keys(entry.workers).map(pagePattern),
  }));
}

/** A form field's value: text (encoded as UTF-8) or raw bytes, e.g. invalid UTF-8. */
export type FieldValue = string | Buffer;
export type FormFields = [name: string, value: FieldValue][];

/** A multipart/form-data body built by hand: repeated names and raw bytes go through as given. */
export function multipartBody(fields: FormFields): { body: Buffer; contentType: string } {
  const boundary = `----hostile${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), Buffer.from(value), Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface ActionAnswer {
  status: number;
  /** x-action-redirect without its ";push"/";replace" suffix, or null. */
  redirect: string | null;
  /** The action's return value, or undefined when the RSC rows hold none (e.g. a 4xx text). */
  state: unknown;
  text: string;
}

/**
 * The RSC rows of an answer by id. A row is `<id>:<JSON>\n`, except a long string, sent as
 * `<id>:T<byte length in hex>,<text>` with no line break after it.
 */
export function rscRows(body: Buffer): Map<string, string> {
  const rows = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const colon = body.indexOf(":", at);
    if (colon < 0) break;
    const id = body.toString("utf8", at, colon);
    if (body[colon + 1] === 0x54 /* T */) {
      const comma = body.indexOf(",", colon);
      const length = parseInt(body.toString("utf8", colon + 2, comma), 16);
      rows.set(id, body.toString("utf8", comma + 1, comma + 1 + length));
      at = comma + 1 + length;
    } else {
      const end = body.indexOf("\n", colon) < 0 ? body.length : body.indexOf("\n", colon);
      rows.set(id, body.toString("utf8", colon + 1, end));
      at = end + 1;
    }
  }
  return rows;
}

/** The action's return value from its RSC answer: row 0 says which row it is ("$@1"). */
export function actionState(body: Buffer): unknown {
  const rows = rscRows(body);
  try {
    const head = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
    const ref = typeof head?.a === "string" && head.a.startsWith("$@") ? head.a.slice(2) : null;
    return ref && rows.has(ref) ? JSON.parse(rows.get(ref)!) : undefined;
  } catch {
    return undefined;
  }
}

/** Status, redirect, return value and text of a server action's answer. */
export async function readActionAnswer(response: APIResponse): Promise<ActionAnswer> {
  const body = await response.body();
  const redirect = response.headers()["x-action-redirect"]?.split(";")[0] ?? null;
  return { status: response.status(), redirect, state: actionState(body), text: body.toString("utf8") };
}

function actionHeaders(baseURL: string, actionId: string, cookie: string | undefined, contentType: string): Record<string, string> {
  return {
    "Next-Action": actionId,
    Accept: "text/x-component",
    Origin: baseURL,
    "Content-Type": contentType,
    ...(cookie ? { Cookie: cookie } : {}),
  };
}

/** A useActionState form action: the form's fields and the previous state (raw JSON text). */
export async function postFormAction(
  request: APIRequestContext,
  opts: { baseURL: string; path: string; actionId: string; fields: FormFields; prevState?: string; cookie?: string; extraParts?: FormFields },
): Promise<ActionAnswer> {
  const fields: FormFields = [
    ...opts.fields.map(([name, value]): [string, FieldValue] => [`_1_${name}`, value]),
    ["0", `[${opts.prevState ?? "{}"},"$K1"]`],
    ...(opts.extraParts ?? []),
  ];
  const { body, contentType } = multipartBody(fields);
  const response = await request.post(opts.path, {
    headers: actionHeaders(opts.baseURL, opts.actionId, opts.cookie, contentType),
    data: body,
    maxRedirects: 0,
  });
  return readActionAnswer(response);
}

/** An action called with plain arguments: `argsJson` is the JSON array text the client sends. */
export async function postArgsAction(
  request: APIRequestContext,
  opts: { baseURL: string; path: string; actionId: string; argsJson: string; cookie?: string },
): Promise<ActionAnswer> {
  const response = await request.post(opts.path, {
    headers: actionHeaders(opts.baseURL, opts.actionId, opts.cookie, "text/plain;charset=UTF-8"),
    data: Buffer.from(opts.argsJson),
    maxRedirects: 0,
  });
  return readActionAnswer(response);
}

/** The person-readable messages in an action's answer: `error`, `nameError`, each field error, and refused rows of a bulk answer. */
export function messagesOf(state: unknown): string[] {
  if (!state || typeof state !== "object") return [];
  const s = state as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" && v !== "" && !v.startsWith("$") ? [v] : []);
  const fieldErrors = s.fieldErrors && typeof s.fieldErrors === "object" ? Object.values(s.fieldErrors).flatMap(text) : [];
  const results = Array.isArray(s.results) ? s.results.flatMap((r: { ok?: boolean; message?: unknown }) => (r.ok === false ? text(r.message) : [])) : [];
  return [...text(s.error), ...text(s.nameError), ...fieldErrors, ...results];
}
