// Where "Verify your identity" returns to. `next` comes from the query string, so it is checked
// to be a path on this site: anything else would make the step-up page an open redirect.

/** Used when `next` is missing or refused; the home page sends each user to their start page. */
export const STEP_UP_FALLBACK_PATH = "/";
const MAX_RETURN_PATH_LENGTH = 2048;
const ORIGIN = "http://return-path.invalid";

export function safeReturnPath(next: string | null | undefined): string {
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_RETURN_PATH_LENGTH) return STEP_UP_FALLBACK_PATH;
  // "//host" and "/\host" are other sites to a browser; browsers also drop tabs and newlines from
  // URLs, so "/\t/host" would become "//host". Control characters and spaces are refused outright.
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\u0000-\u0020\u007f]/.test(next)) {
    return STEP_UP_FALLBACK_PATH;
  }
  // Belt and braces: whatever the string is, resolved against our origin it must stay there.
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return STEP_UP_FALLBACK_PATH;
  }
  if (url.origin !== ORIGIN) return STEP_UP_FALLBACK_PATH;
  // Returning to the step-up page itself would only ask again.
  if (url.pathname === "/verify/step-up" || url.pathname.startsWith("/verify/step-up/")) return STEP_UP_FALLBACK_PATH;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into "//host": "/a/../..//host" resolves to the path "//host".
  return path.startsWith("//") ? STEP_UP_FALLBACK_PATH : path;
}

/** The step-up page's address for an action at `returnTo`. */
export function stepUpPath(returnTo: string): string {
  return `/verify/step-up?next=${encodeURIComponent(returnTo)}`;
}
