// Serves the built console: Next's request handler behind a plain Node HTTP server, so the client
// address recorded on sessions and events is the socket's — not a header the client chose —
// unless MFA_TRUST_PROXY=1 says a reverse proxy we control sets X-Forwarded-For. The checks and
// headers every request gets before Next.js sees it are in ./http-edge.mjs.
import http from "node:http";
import next from "next";
import { contentSecurityPolicy, newNonce, refuseAtEdge, transportSecurity } from "./http-edge.mjs";

const port = Number(process.env.PORT ?? 3000);
const trustProxy = process.env.MFA_TRUST_PROXY === "1";
const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
const app = next({ dev: false, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

http
  .createServer((req, res) => {
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
      delete req.headers["x-real-ip"];
      delete req.headers["x-forwarded-host"];
    }
    const refused = refuseAtEdge(req, { trustProxy });
    if (refused) {
      res.writeHead(refused.status, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
      res.end(refused.message);
      req.resume();
      return;
    }
    const csp = contentSecurityPolicy(newNonce(), { https });
    // Next.js reads the nonce from the request's copy; the browser enforces the response's.
    req.headers["content-security-policy"] = csp;
    res.setHeader("Content-Security-Policy", csp);
    const hsts = transportSecurity({ https });
    if (hsts) res.setHeader("Strict-Transport-Security", hsts);
    handle(req, res);
  })
  .listen(port, () => console.log(`MFA Console ready on http://localhost:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
