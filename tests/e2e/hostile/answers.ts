// What every answer to a hostile request must be, checked softly so one run lists every door that
// fails: never a 5xx, something a person can read (a message, a redirect, a body), and no row of
// any table changed. HOSTILE_INPUT_TRACE=1 prints each request with its answer.
import { expect, type APIResponse } from "@playwright/test";
import { messagesOf, type ActionAnswer } from "../../helpers/server-action";
import { fingerprint } from "./database";

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
  if (!opts.messageless) expect.soft(refusalOf(answer), `${label}: a message, got ${answer.status} ${answer.redirect ?? ""} ${JSON.stringify(answer.state)?.slice(0, 200)}`).toBeTruthy();
  expect.soft(await fingerprint.changedSince(opts.mayChange), `${label}: no row changed`).toEqual([]);
}

/** A page or route handler: a 2xx page, a redirect, or a 4xx with a body — never 5xx — and no row changed. */
export async function expectAnswered(label: string, response: APIResponse, opts: { mayChange?: readonly string[]; json?: true } = {}) {
  probes.count++;
  const status = response.status();
  const text = await response.text();
  if (process.env.HOSTILE_INPUT_TRACE) console.log(`${label} -> ${status} ${response.headers()["location"] ?? text.slice(0, 150)}`);
  expect.soft(status, `${label}: no 5xx (${text.slice(0, 200)})`).toBeLessThan(500);
  if (status >= 300 && status < 400) expect.soft(response.headers()["location"], `${label}: a redirect says where`).toBeTruthy();
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
