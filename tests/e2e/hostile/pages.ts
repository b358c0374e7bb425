// The pages: every page of app/ with the hostile paths (ids of no row, of another org, broken
// percent-encoding) and query parameters (cursors, dates, repeated and bracketed names) it gets,
// and who opens it. Also the app's page and route-handler patterns, so none goes unprobed.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Identity, World } from "./world";

/** Query strings every page gets: a NUL and broken UTF-8 in a parameter no page reads, and a repeated one. */
export const ANY_PAGE_QUERIES = ["?x=%00", "?x=%ED%A0%80", "?x[]=1&x[]=2"];

const b64 = (s: string) => Buffer.from(s).toString("base64url");

interface PageProbe {
  path: string;
  queries: string[];
  mayChange?: string[];
  /** A hostile path itself: the generic query strings add nothing there. */
  hostilePath?: true;
}

export function pageProbes(world: World): PageProbe[] {
  const { ids } = world;
  const userCursors = [
    "garbage!!",
    b64(JSON.stringify(["a\u0000b", randomUUID()])),
    b64(JSON.stringify(["a\ud800b", randomUUID()])),
    b64(JSON.stringify(["x", "-".repeat(36)])),
    b64(JSON.stringify([1, 2])),
  ];
  const eventCursors = ["garbage!!", b64("1.9999999999999999999"), b64("999999999999999.1"), b64("-1.-1"), "x".repeat(65)];
  const hostileUserIds = [ids.globexAdmin, ids.admin, "not-a-uuid", randomUUID(), "%00", "%ED%A0%80", "%", "x".repeat(5000)];
  const hostileEventIds = [...(ids.globexEvent ? [ids.globexEvent] : []), "-1", "1e309", "NaN", "99999999999999999999", "%00", "%ED%A0%80"];
  const perUser = (suffix: string, queries: string[] = []): PageProbe[] => [
    { path: `/setup/users/${ids.alice}${suffix}`, queries: ["", ...queries] },
    ...hostileUserIds.map((id) => ({ path: `/setup/users/${id}${suffix}`, queries: [""], hostilePath: true as const })),
  ];
  return [
    { path: "/", queries: [""] },
    { path: "/no-such-page", queries: [""] },
    { path: "/login", queries: ["", "?callbackUrl=http://[::1", "?callbackUrl=%00&error=%00"] },
    { path: "/login/forgot", queries: [""] },
    // W1: a link of no row, malformed ones, a NUL and broken percent-encoding in the token.
    { path: `/activate/${"A".repeat(43)}`, queries: [""] },
    ...["x", "%00", "%ED%A0%80", "a".repeat(3000), "..%2F..%2Fsetup"].map((token) => ({
      path: `/activate/${token}`,
      queries: [""],
      hostilePath: true as const,
    })),
    { path: "/verify", queries: [""] },
    { path: "/verify/totp", queries: [""] },
    { path: "/verify/temp-code", queries: [""] },
    { path: "/verify/recovery-code", queries: [""] },
    { path: "/verify/security-key", queries: [""] },
    { path: "/verify/enroll", queries: [""] },
    // Opening it begins the enrollment's authenticator-app setup: one unconfirmed factor per login.
    { path: "/verify/enroll/totp", queries: [""], mayChange: ["totp_factors"] },
    { path: "/verify/enroll/security-key", queries: [""] },
    {
      path: "/verify/step-up",
      queries: ["", "?next=%00", "?next=%ED%A0%80", "?next=//evil.test", "?next=http://[::1", `?next=/${"x".repeat(3000)}`, "?method=%00&next[]=a&next[]=b"],
    },
    { path: "/account/security", queries: ["", "?notice=%00&confirm=%ED%A0%80", "?notice[]=a&confirm[]=b", `?confirm=${"x".repeat(3000)}`] },
    // Opening it begins the signed-in user's authenticator-app setup (one unconfirmed factor).
    { path: "/account/security/add-authenticator", queries: [""], mayChange: ["totp_factors"] },
    { path: "/account/security/add-key", queries: [""] },
    { path: "/account/security/change-password", queries: [""] },
    { path: "/setup", queries: [""] },
    {
      path: "/setup/users",
      queries: [
        "",
        "?q=%00",
        "?q=%ED%A0%80",
        `?q=${"x".repeat(101)}`,
        "?status[]=x",
        "?status=active&status=inactive",
        "?profile=not-a-uuid&mfa=%00",
        `?profile=${ids.globexStandardProfile}`,
        ...userCursors.flatMap((c) => [`?after=${c}`, `?before=${c}`]),
        // Issue 12: the sort and its direction; a cursor of another sort, or with a broken value.
        "?sort=%00&dir=%ED%A0%80",
        "?sort=password_hash&dir=asc",
        "?sort=__proto__",
        "?sort[]=name&dir[]=asc",
        "?sort=name&sort=created&dir=asc&dir=desc",
        `?sort=${"x".repeat(3000)}`,
        "?sort=last-login&dir=sideways",
        `?sort=created&dir=asc&after=${b64(JSON.stringify(["name", "asc", "x", randomUUID()]))}`,
        `?sort=last-login&dir=desc&before=${b64(JSON.stringify(["last-login", "desc", "2026-02-30T00:00:00.000Z", randomUUID()]))}`,
        `?sort=last-login&dir=asc&after=${b64(JSON.stringify(["last-login", "asc", "+275760-09-13T00:00:00.000Z", randomUUID()]))}`,
        `?sort=username&dir=desc&after=${b64(JSON.stringify(["username", "desc", null, randomUUID()]))}`,
      ],
    },
    { path: "/setup/users/new", queries: [""] },
    ...perUser(""),
    ...perUser("/edit"),
    ...perUser("/lost-device"),
    ...perUser("/temp-code", ["?from=%00"]),
    { path: "/setup/profiles", queries: [""] },
    { path: "/setup/security", queries: [""] },
    {
      path: "/setup/activity",
      queries: [
        "",
        "?to=9999-12-31&from=0000-01-01&tz=%00",
        "?from=2026-02-30",
        "?from=9999-12-31",
        "?to=0000-01-01",
        "?tz=Mars/Olympus_Mons",
        "?user=%00&activity=%00&method=%ED%A0%80",
        `?user=${ids.globexAdmin}`,
        "?status=FAILED&status=SUCCEEDED",
        "?status[]=FAILED",
        ...eventCursors.flatMap((c) => [`?older=${c}`, `?newer=${c}`]),
      ],
    },
    { path: "/setup/webhooks", queries: ["", "?status=%00"] },
    { path: "/setup/webhooks/new", queries: ["", "?url=%00&activities=%ED%A0%80"] },
    {
      path: `/setup/webhooks/${ids.acmeWebhook}`,
      queries: ["", "?status=%00", "?status=LOST", "?status=FAILED&status=PENDING", "?status[]=FAILED", `?status=${"x".repeat(3000)}`],
    },
    { path: `/setup/webhooks/${ids.acmeWebhook}/edit`, queries: [""] },
    ...[ids.globexWebhook, "not-a-uuid", randomUUID(), "%00", "%ED%A0%80", "x".repeat(5000)].flatMap((id) => [
      { path: `/setup/webhooks/${id}`, queries: [""], hostilePath: true as const },
      { path: `/setup/webhooks/${id}/edit`, queries: [""], hostilePath: true as const },
    ]),
    { path: "/setup/api-tokens", queries: ["", "?token=%00&revoked=%ED%A0%80"] },
    { path: "/setup/api-tokens/new", queries: ["", "?actingUserId=%00&scopes=API_ONLY&scopes=%00"] },
    // Swagger UI's own parameters: the page is static and starts it with its own document only.
    { path: "/docs/api", queries: ["", "?url=//evil.test/openapi.json", "?configUrl=http://[::1&urls.primaryName=%00", `?url=${"x".repeat(3000)}`] },
    { path: `/setup/activity/${ids.acmeEvent}`, queries: ["", "?user=%00&from=9999-12-31&older=garbage"] },
    ...hostileEventIds.map((id) => ({ path: `/setup/activity/${id}`, queries: [""], hostilePath: true as const })),
  ];
}

/** Who opens a page: anyone and the admin; a login step also with its real pending login, and with forged pending cookies (plain path only). */
export function identitiesFor(world: World, path: string): { who: Identity; plainOnly?: true }[] {
  const everyone = [{ who: world.anonymous }, { who: world.admin }];
  if (!path.startsWith("/verify") || path === "/verify/step-up") return everyone;
  const pending = path.startsWith("/verify/enroll") ? world.pendingEnroll : path === "/verify/security-key" ? world.pendingKey : world.pendingTotp;
  return [...everyone, { who: pending }, ...world.hostilePendingCookies.map((who) => ({ who, plainOnly: true as const }))];
}

/** The pages a hostile session cookie is sent to: a cookie no login made is no session, on any page. */
export const HOSTILE_SESSION_PAGES = ["/", "/setup/users", "/setup/api-tokens", "/account/security", "/verify/step-up"];

/** Every page.tsx or route.ts under app/ as a URL pattern ("/setup/users/[id]"; route groups are not in URLs). */
export function appRoutes(file: "page.tsx" | "route.ts"): string[] {
  return readdirSync("app", { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === file)
    .map(
      (f) =>
        "/" +
        path
          .dirname(f)
          .split(path.sep)
          .filter((s) => s !== "." && !/^\(.*\)$/.test(s))
          .join("/"),
    );
}

/** Whether a URL path is one of a pattern's: "[id]" stands for one segment, "[...rest]" for any. */
export const matches = (pattern: string, urlPath: string) =>
  new RegExp(`^${pattern.replace(/\[\.\.\.\w+\]/g, ".+").replace(/\[\w+\]/g, "[^/]+")}$`).test(urlPath.split("?")[0]!);
