// `npm run bench:login`: what one login costs on this machine, on a fresh Postgres database —
// argon2id hash/verify, the password step, the TOTP step, the ticket → session exchange, and the
// per-request session check. Prints p50/p95 in milliseconds.
import "../tests/helpers/env";
import { createMigratedDb } from "../tests/helpers/test-db";
import { seedDemo, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/lib/seed/demo";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { createSessionFromTicket, validateSessionToken } from "@/lib/auth/session";
import { totpCodeAt } from "@/lib/mfa/totp";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const ctx = { ip: "127.0.0.1", userAgent: "bench" };

function summary(name: string, samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  console.log(`${name.padEnd(34)} n=${String(sorted.length).padStart(4)}  p50 ${at(0.5).toFixed(2).padStart(7)} ms  p95 ${at(0.95).toFixed(2).padStart(7)} ms`);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const t = await createMigratedDb();
try {
  await seedDemo(t.db);
  const hash = await hashPassword(DEMO_PASSWORD);
  const hashMs: number[] = [],
    verifyMs: number[] = [],
    passwordMs: number[] = [],
    totpMs: number[] = [],
    exchangeMs: number[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    hashMs.push(await time(() => hashPassword(DEMO_PASSWORD)));
    verifyMs.push(await time(() => verifyPassword(hash, DEMO_PASSWORD)));
    // Each login uses its own future time step, as a real user's next login would.
    const nowMs = Date.now() + i * 30_000;
    let pendingToken = "";
    passwordMs.push(
      await time(async () => {
        const r = await startPasswordLogin(t.db, { username: "admin@acme.test", password: DEMO_PASSWORD, context: ctx, nowMs });
        if (!r.ok) throw new Error(r.code);
        pendingToken = r.pendingToken;
      }),
    );
    let ticket = "";
    totpMs.push(
      await time(async () => {
        const r = await verifyTotpAtLogin(t.db, { pendingToken, code: totpCodeAt(DEMO_TOTP_SECRET, nowMs), context: ctx, nowMs });
        if (!r.ok) throw new Error(r.code);
        ticket = r.ticket;
      }),
    );
    exchangeMs.push(
      await time(async () => {
        const s = await createSessionFromTicket(t.db, { ticket, pendingToken, context: ctx, nowMs });
        if (!s) throw new Error("no session");
        tokens.push(s.token);
      }),
    );
  }
  const checkMs: number[] = [];
  for (let i = 0; i < RUNS * 10; i++) {
    const token = tokens[i % tokens.length]!;
    checkMs.push(await time(() => validateSessionToken(t.db, token, Date.now() + (i % RUNS) * 30_000)));
  }
  console.log(`bench/login on Postgres (fresh database), ${RUNS} logins`);
  summary("argon2id hash (19 MiB, t=2, p=1)", hashMs);
  summary("argon2id verify", verifyMs);
  summary("password step (incl. verify)", passwordMs);
  summary("TOTP step", totpMs);
  summary("ticket → session", exchangeMs);
  summary("session check per request", checkMs);
} finally {
  await t.close();
}
