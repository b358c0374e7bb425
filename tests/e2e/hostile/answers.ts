// What every answer to a hostile request must be, checked softly so one run lists every door that
// fails: never a 5xx, something a person can read (a message, a redirect, a body), and no row of
// any table changed. HOSTILE_INPUT_TRACE=1 prints each request with its answer.
import { expect, type APIResponse } from "@playwright/test";
import { messagesOf, type ActionAnswer } from "../../helpers/server-action";
import { PROBLEM_CONTENT_TYPE } from "@/lib/http/problem";
import { fingerprint, query } from "./database";

const REFUSAL_REDIRECT = /^\/(login|verify\/step-up)(\?|$)/;

/** What the caller is told when an action refuses: a message, the edge's 4xx text, or "log in / verify first"; null when it went ahead. */
function refusalOf(answer: ActionAnswer): string | null {
  if (answer.status >= 400) return answer.text.trim() || null;
  if (answer.redirect) return REFUSAL_REDIRECT.test(answer.redirect) ? `redirect to ${answer.redirect}` : null;
  const results = (answer.state as { results?: { ok: boolean }[] } | undefined)?.results;
  if (results?.some((r) => r.ok)) return null;
  return messagesOf(answer.state)[0] ?? null;
}

/** Requests checked by the running test, logged after it (reset and logged by setUpHostileWorld's hooks). */
export const probes = { count: 0 };

/** The request must not answer 5xx, must be refused with something to read, and must change no row. */
export async function expectRefused(label: string, send: () => Promise<ActionAnswer>, opts: { mayChange?: readonly string[]; messageless?: true } = {}) {
  probes.count++;
  const answer = await send();
  if (process.env.HOSTILE_INPUT_TRACE) console.log(`${label} -> ${answer.status} ${refusalOf(answer)?.slice(0, 150)}`);
  expect.soft(answer.status, `${label}: no 5xx (${answer.text.slice(0, 200)})`).toBeLessThan(500);
  if (!opts.messageless)
    expect
      .soft(refusalOf(answer), `${label}: a message, got ${answer.status} ${answer.redirect ?? ""} ${JSON.stringify(answer.state)?.slice(0, 200)}`)
      .toEqual(expect.stringMatching(/\S/));
  expect.soft(await fingerprint.changedSince(opts.mayChange), `${label}: no row changed`).toEqual([]);
}

/** A page or route handler: a 2xx page, a redirect, or a 4xx with a body — never 5xx — and no row changed. */
export async function expectAnswered(label: string, response: APIResponse, opts: { mayChange?: readonly string[]; json?: true } = {}) {
  probes.count++;
  const status = response.status();
  const text = await response.text();
  if (process.env.HOSTILE_INPUT_TRACE) console.log(`${label} -> ${status} ${response.headers()["location"] ?? text.slice(0, 150)}`);
  expect.soft(status, `${label}: no 5xx (${text.slice(0, 200)})`).toBeLessThan(500);
  if (status >= 300 && status < 400)
    expect.soft(response.headers()["location"], `${label}: a redirect says where`).toEqual(expect.stringMatching(/^(\/|https?:\/\/)/));
  else if (status < 500) expect.soft(text.length, `${label}: a body to read`).toBeGreaterThan(0);
  if (opts.json && status >= 400 && status < 500) {
    const error = (() => {
      try {
        return (JSON.parse(text) as { error?: unknown }).error;
      } catch {
        return undefined;
      }
    })();
    expect.soft(typeof error === "string" && error.length > 0, `${label}: a JSON error, got ${status} ${text.slice(0, 200)}`).toBe(true);
  }
  expect.soft(await fingerprint.changedSince(opts.mayChange), `${label}: no row changed`).toEqual([]);
}

/** What an API call of a known token may write (lib/http/handle-api-call.ts): its API_CALL event, the token's last use, the throttle. */
const API_CALL_TABLES = ["verification_events", "api_tokens", "rate_limit_counters"];
const apiState = { lastEventId: "0", tokens: "" };

/** The tokens (but their last use) and the events since the last call; the new state becomes the baseline. */
async function apiRowsSince(): Promise<{ tokensChanged: boolean; events: string[] }> {
  const { rows } = await query<{ tokens: string; events: { id: string; activity: string }[] }>(
    `SELECT (SELECT md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' ORDER BY t.id), '')) FROM api_tokens t) AS tokens,
            (SELECT coalesce(json_agg(json_build_object('id', e.id::text, 'activity', e.activity) ORDER BY e.id), '[]') FROM verification_events e WHERE e.id > $1::bigint) AS events`,
    [apiState.lastEventId],
  );
  const { tokens, events } = rows[0]!;
  const tokensChanged = apiState.tokens !== "" && tokens !== apiState.tokens;
  Object.assign(apiState, { tokens, lastEventId: events.at(-1)?.id ?? apiState.lastEventId });
  return { tokensChanged, events: events.map((e) => e.activity) };
}

/** Starts the API answers' baseline (each API test calls it first). */
export async function startApiBaseline(): Promise<void> {
  Object.assign(apiState, { lastEventId: "0", tokens: "" });
  await apiRowsSince();
  await fingerprint.changedSince();
}

/**
 * An /api/v1 answer to a hostile call: a 4xx (`status` when given) as problem+json with a `code`
 * (or the edge's plain-text 400/413 where `edge`), a 401 saying `WWW-Authenticate: Bearer`; and no
 * row changed but what a call of a known token writes — exactly one API_CALL event — when `known`.
 */
export async function expectApiRefused(label: string, response: APIResponse, opts: { status?: number; edge?: true; known: boolean }) {
  probes.count++;
  const status = response.status();
  const text = await response.text();
  const type = response.headers()["content-type"] ?? "";
  if (process.env.HOSTILE_INPUT_TRACE) console.log(`${label.slice(0, 200)} -> ${status} ${type} ${text.slice(0, 150)}`);
  if (opts.status) expect.soft(status, `${label}: ${opts.status}, got ${status} (${text.slice(0, 200)})`).toBe(opts.status);
  else expect.soft(status >= 400 && status < 500, `${label}: a 4xx, got ${status} (${text.slice(0, 200)})`).toBe(true);
  const byEdge = opts.edge === true && type.startsWith("text/plain");
  if (byEdge) expect.soft(text.length, `${label}: the edge's refusal says why`).toBeGreaterThan(0);
  else {
    const code = (() => {
      try {
        return type === PROBLEM_CONTENT_TYPE ? (JSON.parse(text) as { code?: unknown }).code : undefined;
      } catch {
        return undefined;
      }
    })();
    expect.soft(typeof code === "string" && code.length > 0, `${label}: problem+json with a code, got ${status} ${type} ${text.slice(0, 200)}`).toBe(true);
  }
  if (status === 401) expect.soft(response.headers()["www-authenticate"] ?? "", `${label}: WWW-Authenticate: Bearer`).toMatch(/^Bearer\b/);
  const calls = opts.known && !byEdge ? 1 : 0;
  expect.soft(await fingerprint.changedSince(opts.known ? API_CALL_TABLES : []), `${label}: no row changed`).toEqual([]);
  const { tokensChanged, events } = await apiRowsSince();
  expect.soft(tokensChanged, `${label}: no token changed but its last use`).toBe(false);
  expect.soft(events, `${label}: ${calls} API_CALL event and nothing else`).toEqual(Array<string>(calls).fill("API_CALL"));
}
