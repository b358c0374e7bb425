// Serves the built console: Next's request handler behind a plain Node HTTP server, so the client
// address recorded on sessions and events is the socket's — not a header the client chose —
// unless MFA_TRUST_PROXY=1 says a reverse proxy we control sets X-Forwarded-For. The checks and
// headers every request gets before Next.js sees it are in ./http-edge.mjs.
//
// One process per core (WEB_CONCURRENCY, default: the cores Node may use): a request runs on one
// main thread, so one process leaves the other cores to argon2's pool at best. Every piece of
// state — sessions, pending logins, challenges, counters, locks — is in Postgres, so the workers
// share nothing else. The embedded PGlite default lives inside one process, so it stays at one
// (docs/decisions/014-one-process-per-core.md).
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import { contentSecurityPolicy, malformedActionBody, MAX_BODY_BYTES, newNonce, refuseAtEdge, transportSecurity } from "./http-edge.mjs";

const port = Number(process.env.PORT ?? 3000);
const embedded = !process.env.DATABASE_URL;
const workers = embedded ? 1 : Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10) || os.availableParallelism());

if (workers > 1 && cluster.isPrimary) {
  let ready = 0;
  let stopping = false;
  const fork = () =>
    cluster.fork().on("message", (message) => {
      if (message === "listening" && ++ready === workers) console.log(`MFA Console ready on http://localhost:${port} (${workers} processes)`);
    });
  for (let i = 0; i < workers; i++) fork();
  // A worker that dies is replaced; its requests in flight fail, the others' do not.
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`[server] process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      process.exit(0);
    });
  }
} else {
  await serve();
}

async function serve() {
  const { default: next } = await import("next");

  const trustProxy = process.env.MFA_TRUST_PROXY === "1";
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const app = next({ dev: false, hostname: "localhost", port });
  // Where Next.js looks for a server action's body that was already read (its request meta).
  const REQUEST_META = Symbol.for("NextInternalRequestMeta");
  // lib/http/node-api.ts: API_FAST_PATH.
  const API_FAST_PATH = Symbol.for("mfa-console.api-fast-path");
  const handle = app.getRequestHandler();
  await app.prepare();

  // How long a refused request's body is drained before the answer: closing the connection while
  // the client still sends makes it see a broken pipe instead of the 413 (seen in CI), and the
  // bound keeps an endless body from holding the connection.
  const DRAIN_BEFORE_REFUSAL_MS = 5_000;

  function refuse(req, res, { status, message }) {
    let sent = false;
    const send = () => {
      if (sent) return;
      sent = true;
      clearTimeout(timer);
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
      res.end(message);
    };
    const timer = setTimeout(send, DRAIN_BEFORE_REFUSAL_MS);
    if (req.complete) return send();
    req.once("end", send);
    req.once("error", send);
    req.once("close", send);
    req.resume();
  }

  /**
   * The whole body, or null past MAX_BODY_BYTES (a body may be longer than it declared). Read with
   * listeners, not `for await`: leaving that loop early destroys the request and its socket, and the
   * client then sees a broken pipe instead of the 413.
   */
  function readBody(req) {
    return new Promise((resolve) => {
      const chunks = [];
      let bytes = 0;
      const onData = (chunk) => {
        bytes += chunk.length;
        if (bytes <= MAX_BODY_BYTES) return void chunks.push(chunk);
        req.off("data", onData);
        req.off("end", onEnd);
        resolve(null); // the rest is drained by refuse()
      };
      const onEnd = () => resolve(Buffer.concat(chunks));
      req.on("data", onData);
      req.once("end", onEnd);
      req.once("error", () => resolve(null));
    });
  }

  http
    .createServer(async (req, res) => {
      const startedAtMs = Date.now();
      if (!trustProxy) {
        req.headers["x-forwarded-for"] = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
        delete req.headers["x-real-ip"];
        delete req.headers["x-forwarded-host"];
      }
      const refused = refuseAtEdge(req, { trustProxy });
      if (refused) return refuse(req, res, refused);
      // While Postgres can't be reached (lib/db/availability.ts flags it in this same process), what
      // would be a 500 is a 503 a client or load balancer knows to retry — also for a request that
      // began before the outage ended: its query failed in the outage, but it may answer after it.
      const writeHead = res.writeHead;
      res.writeHead = function (status, ...rest) {
        if (status >= 500 && (globalThis.__mfaDbUnavailableSince || startedAtMs <= (globalThis.__mfaDbAvailableAgainAtMs ?? 0))) {
          status = 503;
          if (!this.headersSent) this.setHeader("Retry-After", "5");
        }
        return writeHead.call(this, status, ...rest);
      };
      const csp = contentSecurityPolicy(newNonce(), { https });
      // Next.js reads the nonce from the request's copy; the browser enforces the response's.
      req.headers["content-security-policy"] = csp;
      res.setHeader("Content-Security-Policy", csp);
      const hsts = transportSecurity({ https });
      if (hsts) res.setHeader("Strict-Transport-Security", hsts);
      // REST API v1 is answered here, without Next's router (lib/http/node-api.ts, registered by
      // instrumentation.ts at prepare()); whatever it does not name exactly goes on to Next.js.
      const api = globalThis[API_FAST_PATH];
      const call = api?.match(req.method ?? "", req.url ?? "/");
      if (call) {
        let body = null;
        if (api.takesBody(call)) {
          body = await readBody(req);
          if (!body) return refuse(req, res, { status: 413, message: "That request is too large." });
        }
        return api.serve(call, req, body, res);
      }
      if (req.method === "POST" && req.headers["next-action"]) {
        // Read and checked here (at most 1 MB), then handed to Next.js as its request meta.
        const body = await readBody(req);
        if (!body) return refuse(req, res, { status: 413, message: "That request is too large." });
        const problem = await malformedActionBody(body, req.headers["content-type"]);
        if (problem) return refuse(req, res, { status: 400, message: `That request could not be read: ${problem}.` });
        req[REQUEST_META] = { ...req[REQUEST_META], actionBody: body };
      }
      handle(req, res);
    })
    .listen(port, () => (cluster.isWorker ? process.send?.("listening") : console.log(`MFA Console ready on http://localhost:${port}`)));

  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
}
