// A real HTTP receiver on localhost for the webhook tests: records every request, answers with the
// statuses it is given in turn (then 200), and checks signatures with the standardwebhooks library
// itself — independent of our signing code.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Statuses to answer next, in order; "hang" never answers. Afterwards 200. */
  answers: (number | "hang")[];
  /** Whether `secret` signed this request (the library's own check, timestamp tolerance aside). */
  signedBy(r: Received, secret: string): boolean;
  /** The library's full verify, timestamp tolerance included (throws when not valid). */
  verify(r: Received, secret: string): unknown;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(path = "/hook"): Promise<Receiver> {
  const received: Received[] = [];
  const answers: (number | "hang")[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        id: String(req.headers["webhook-id"]),
        timestamp: String(req.headers["webhook-timestamp"]),
        signature: String(req.headers["webhook-signature"]),
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      const answer = answers.shift() ?? 200;
      if (answer === "hang") return void hanging.push(res);
      if (answer >= 300 && answer < 400) res.setHeader("Location", `http://127.0.0.1:${(server.address() as AddressInfo).port}/redirected`);
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const headersOf = (r: Received) => ({ "webhook-id": r.id, "webhook-timestamp": r.timestamp, "webhook-signature": r.signature });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    answers,
    signedBy(r, secret) {
      const expected = new Webhook(secret).sign(r.id, new Date(Number(r.timestamp) * 1000), r.body);
      return r.signature.split(" ").includes(expected);
    },
    verify: (r, secret) => new Webhook(secret).verify(r.body, headersOf(r)),
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${count} requests`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
