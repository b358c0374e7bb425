// One virtual user of bench/login-http.ts: a browser with its own cookie jar, sending a full MFA
// login exactly as Chromium does (checked against a recorded Chromium login), and the rotation
// that keeps any bench user from logging in twice within one TOTP step.
import { actionState, multipartBody, type FormFields } from "../tests/helpers/server-action";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/lib/seed/demo";
import { totpCodeAt } from "@/lib/mfa/totp";

// A code's time step is stored as used (lib/mfa/verify-totp-login.ts) and codes are accepted
// ±1 step (30 s): after 90 s a user's next code is surely of a later step.
export const USER_REUSE_AFTER_MS = 90_000;
export const LANDING_PATH = "/account/security"; // Standard User's start page (app/page.tsx)
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36 bench/login-http";
const DOCUMENT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";
// What Next's client router sends as the current route with an action (captured from Chromium).
const LOGIN_ROUTER_TREE = [
  "",
  { children: ["(auth)", { children: ["login", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] }, null, null, 0] },
  null,
  null,
  16,
];
const TOTP_ROUTER_TREE = [
  "",
  {
    children: [
      "(auth)",
      { children: ["verify", { children: ["totp", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] }, null, null, 0] },
      null,
      null,
      0,
    ],
  },
  null,
  null,
  16,
];
export const STEPS = ["GET /login", "POST /login (loginAction)", "POST /verify/totp (verifyTotpAction)"] as const;
export type Step = (typeof STEPS)[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One browser's cookies for this one origin (every cookie the console sets has Path=/). */
class CookieJar {
  private readonly values = new Map<string, string>();

  header(): Record<string, string> {
    return this.values.size ? { cookie: [...this.values].map(([name, value]) => `${name}=${value}`).join("; ") } : {};
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const expired = attributes.some((a) => {
        const [key, value = ""] = a.trim().split("=");
        if (key!.toLowerCase() === "max-age") return Number(value) <= 0;
        if (key!.toLowerCase() === "expires") return Date.parse(value) <= Date.now();
        return false;
      });
      if (expired) this.values.delete(name);
      else this.values.set(name, pair!.slice(at + 1).trim());
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  clear(): void {
    this.values.clear();
  }
}

export class LoginFailure extends Error {
  constructor(
    readonly step: Step,
    message: string,
  ) {
    super(message);
  }
}

/** `<input type="hidden">`s React renders into a server-rendered action form; the browser sends them with the fields. */
function hiddenFormFields(html: string): FormFields {
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map(([, name, value]) => [unescape(name!), unescape(value ?? "")]);
}

export interface BenchUser {
  id: string;
  username: string;
  name: string;
  lastLoginEndMs: number;
}

export interface LoginTiming {
  stepMs: Map<Step, number>;
  /** What the person waits for: every step. */
  waitMs: number;
}

export interface Actions {
  login: string;
  verifyTotp: string;
}

/** One virtual user: a browser that logs in again and again, each time with an empty cookie jar. */
export class VirtualUser {
  private readonly jar = new CookieJar();
  private stepMs = new Map<Step, number>();
  requests = 0;

  constructor(
    readonly origin: string,
    private readonly actions: Actions,
    /** Told of every answer (or of a request that got none: status 0), e.g. to count statuses per route. */
    private readonly observe?: (request: { method: string; path: string; status: number; ms: number }) => void,
  ) {}

  private async send(
    path: string,
    init: { method?: string; headers: Record<string, string>; body?: BodyInit },
    origin = this.origin,
  ): Promise<{ response: Response; body: Buffer }> {
    this.requests++;
    const method = init.method ?? "GET";
    const startMs = performance.now();
    try {
      const response = await fetch(`${origin}${path}`, {
        method,
        // undici sets Sec-Fetch-Mode: cors itself; the edge reads Sec-Fetch-Site and Origin only.
        headers: { "user-agent": USER_AGENT, "accept-encoding": "gzip, deflate, br, zstd", ...init.headers, ...this.jar.header() },
        body: init.body,
        redirect: "manual",
      });
      this.jar.store(response);
      const body = Buffer.from(await response.arrayBuffer());
      this.observe?.({ method, path, status: response.status, ms: performance.now() - startMs });
      return { response, body };
    } catch (error) {
      this.observe?.({ method, path, status: 0, ms: performance.now() - startMs });
      throw error;
    }
  }

  private document(path: string, referer: string | null, origin = this.origin) {
    return this.send(
      path,
      {
        headers: {
          accept: DOCUMENT_ACCEPT,
          "sec-fetch-dest": "document",
          "sec-fetch-site": referer ? "same-origin" : "none",
          "upgrade-insecure-requests": "1",
          ...(referer ? { referer: `${this.origin}${referer}` } : {}),
        },
      },
      origin,
    );
  }

  private postAction(path: string, actionId: string, routerTree: unknown, fields: FormFields) {
    const { body, contentType } = multipartBody(fields);
    return this.send(path, {
      method: "POST",
      headers: {
        accept: "text/x-component",
        "content-type": contentType,
        "next-action": actionId,
        "next-router-state-tree": encodeURIComponent(JSON.stringify(routerTree)),
        origin: this.origin,
        referer: `${this.origin}${path}`,
        "sec-fetch-dest": "empty",
        "sec-fetch-site": "same-origin",
      },
      body: Uint8Array.from(body), // fetch's BodyInit type does not take a Buffer
    });
  }

  private async step<T>(name: Step, run: () => Promise<T>): Promise<T> {
    const startMs = performance.now();
    try {
      return await run();
    } catch (error) {
      throw error instanceof LoginFailure ? error : new LoginFailure(name, error instanceof Error ? error.message : String(error));
    } finally {
      this.stepMs.set(name, performance.now() - startMs);
    }
  }

  /** GET /login and the password: the challenge page is next (a pending-login cookie is set). */
  async passwordStep(user: BenchUser): Promise<void> {
    this.jar.clear();
    this.stepMs = new Map();
    const fail = (step: Step, message: string): never => {
      throw new LoginFailure(step, message);
    };

    const loginHtml = await this.step("GET /login", async () => {
      const { response, body } = await this.document("/login", null);
      if (response.status !== 200) fail("GET /login", `status ${response.status}`);
      return body.toString("utf8");
    });

    await this.step("POST /login (loginAction)", async () => {
      // As useActionState's form action sends them: the form's fields as `_1_<name>`, then the previous state.
      const fields: FormFields = [...hiddenFormFields(loginHtml), ["username", user.username], ["password", DEMO_PASSWORD]];
      const { response, body } = await this.postAction("/login", this.actions.login, LOGIN_ROUTER_TREE, [
        ...fields.map(([name, value]): FormFields[number] => [`_1_${name}`, value]),
        ["0", '[{},"$K1"]'],
      ]);
      const redirect = response.headers.get("x-action-redirect")?.split(";")[0];
      if (response.status !== 200 || redirect !== "/verify/totp")
        fail("POST /login (loginAction)", `status ${response.status}, redirect ${redirect}: ${body.toString("utf8").slice(0, 200)}`);
      if (!this.jar.has("mfa_pending")) fail("POST /login (loginAction)", "no pending-login cookie");
      // The challenge page rendered into the action's answer; without it the browser would GET it.
      if (!body.toString("utf8").includes(`Signing in as ${user.username}`)) fail("POST /login (loginAction)", "the answer does not hold the challenge page");
    });
  }

  /**
   * A code typed into the challenge page of passwordStep's login: "signed-in" (session cookie set,
   * the start page rendered into the answer), or the page's refusal ("Invalid code", "Too many
   * attempts"…). Anything else — a status other than 200, a missing page — is a LoginFailure.
   */
  async codeStep(user: BenchUser, code: string): Promise<{ signedIn: true } | { signedIn: false; refusal: string }> {
    const step: Step = "POST /verify/totp (verifyTotpAction)";
    return this.step(step, async () => {
      const { response, body } = await this.postAction("/verify/totp", this.actions.verifyTotp, TOTP_ROUTER_TREE, [
        ["_1_code", code],
        ["0", '[{},"$K1"]'],
      ]);
      const redirect = response.headers.get("x-action-redirect")?.split(";")[0];
      if (response.status === 200 && !redirect) {
        const state = actionState(body) as { error?: string } | undefined;
        if (state?.error) return { signedIn: false as const, refusal: state.error };
      }
      if (response.status !== 200 || redirect !== LANDING_PATH) {
        const state = actionState(body) as { error?: string } | undefined;
        throw new LoginFailure(step, `status ${response.status}, redirect ${redirect}: ${state?.error ?? body.toString("utf8").slice(0, 200)}`);
      }
      if (!this.jar.has("next-auth.session-token")) throw new LoginFailure(step, "no session cookie");
      // The start page rendered into the action's answer, as the signed-in user.
      const text = body.toString("utf8");
      if (!text.includes("My security") || !text.includes(user.name)) throw new LoginFailure(step, "the answer does not hold the signed-in start page");
      return { signedIn: true as const };
    });
  }

  /** A whole login with the user's current code; a refused code is a LoginFailure. */
  async login(user: BenchUser): Promise<LoginTiming> {
    await this.passwordStep(user);
    const answer = await this.codeStep(user, totpCodeAt(DEMO_TOTP_SECRET, Date.now()));
    if (!answer.signedIn) throw new LoginFailure("POST /verify/totp (verifyTotpAction)", `refused: ${answer.refusal}`);
    const waitMs = [...this.stepMs.values()].reduce((sum, ms) => sum + ms, 0);
    return { stepMs: this.stepMs, waitMs };
  }

  /**
   * A console page opened with this browser's cookies (a document request, no redirect followed),
   * by default on this user's server. Another port of the same host gets the same cookies, as a
   * browser sends them (cookies are not kept apart by port); status 0 when no answer came.
   */
  async open(path: string, origin = this.origin): Promise<{ status: number; location: string | null }> {
    try {
      const { response } = await this.document(path, null, origin);
      return { status: response.status, location: response.headers.get("location") };
    } catch {
      return { status: 0, location: null };
    }
  }
}

/** Hands out users so that none logs in twice within USER_REUSE_AFTER_MS. */
export class UserRotation {
  waitedMs = 0;

  constructor(private readonly queue: BenchUser[]) {}

  async take(): Promise<BenchUser> {
    const user = this.queue.shift();
    if (!user) throw new Error("more virtual users than bench users: raise BENCH_USERS");
    const waitMs = user.lastLoginEndMs + USER_REUSE_AFTER_MS - Date.now();
    if (waitMs > 0) {
      this.waitedMs += waitMs;
      await sleep(waitMs);
    }
    return user;
  }

  give(user: BenchUser): void {
    user.lastLoginEndMs = Date.now();
    this.queue.push(user);
  }
}
