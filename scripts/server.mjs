// Serves the built console: Next's request handler behind a plain Node HTTP server, so the client
// address recorded on sessions and events is the socket's — not a header the client chose —
// unless MFA_TRUST_PROXY=1 says a reverse proxy we control sets X-Forwarded-For.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const trustProxy = process.env.MFA_TRUST_PROXY === "1";
const app = next({ dev: false, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

http
  .createServer((req, res) => {
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
      delete req.headers["x-real-ip"];
    }
    handle(req, res);
  })
  .listen(port, () => console.log(`MFA Console ready on http://localhost:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
