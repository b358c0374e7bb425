// `npm run bench:session-check`: what every signed-in request pays before its page renders
// (issue 11 target: ≤ 2 ms p50 at 1,000 requests/s) — the next-auth cookie decrypted and the
// session row checked (revoked, expired, idle, user inactive or Api Only, last-seen written at most
// once a minute), through lib/next/current-session.ts's sessionOfCookie, the function every
// console page calls, on real Postgres.
//
// Open loop: checks start at BENCH_RATE per second (default 1,000) whatever the previous ones are
// doing, spread over BENCH_SESSIONS sessions of as many users (default 10,000), each last seen
// 0–60 s ago so the once-a-minute last-seen write happens at its real rate. Over HTTP a console
// page costs its render too (bench/pages-http.ts); a 2-core machine can't serve 1,000 pages/s, so
// this measures the check itself, in one process as one server worker runs it.
import "../tests/helpers/env";
import { encode } from "next-auth/jwt";
import { createMigratedDb } from "../tests/helpers/test-db";
import { seedDemo } from "@/lib/seed/demo";
import { sha256Hex, randomToken } from "@/lib/security/tokens";
import { sessionOfCookie } from "@/lib/next/current-session";
import { LAST_SEEN_WRITE_INTERVAL_SECONDS } from "@/lib/config";
import { seedLoginUsers } from "./seed-login-users";

const RATE_PER_SECOND = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const WARMUP_CHECKS = 2_000;
const TARGET_P50_MS = 2;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const t = await createMigratedDb();
try {
  await seedDemo(t.db);
  const users = await seedLoginUsers(t, { orgSlug: "acme", prefix: "check", count: SESSIONS });
  const tokens = users.map(() => randomToken());
  await t.sql(
    `INSERT INTO sessions (org_id, user_id, token_hash, level, login_method, ip, user_agent, expires_at, created_at, last_seen_at)
     SELECT u.org_id, u.id, x.h, 'STANDARD', 'TOTP', '127.0.0.1', 'bench/session-check', now() + interval '12 hours', now(),
            now() - random() * make_interval(secs => $2)
     FROM unnest($1::text[], $3::uuid[]) AS x(h, id) JOIN users u ON u.id = x.id`,
    [tokens.map((k) => sha256Hex(k)), LAST_SEEN_WRITE_INTERVAL_SECONDS, users.map((u) => u.id)],
  );
  await t.sql("VACUUM ANALYZE");
  await t.sql("CHECKPOINT"); // the seed's dirty pages written now, not by a checkpoint during the runs (decision 020)
  const cookies = await Promise.all(tokens.map((sid) => encode({ token: { sid }, secret: process.env.NEXTAUTH_SECRET! })));

  for (let i = 0; i < WARMUP_CHECKS; i++)
    if (!(await sessionOfCookie(t.db, cookies[i % cookies.length]))) throw new Error("a seeded session did not check out");

  const durations: number[] = [];
  let refused = 0;
  let started = 0;
  const inFlight = new Set<Promise<void>>();
  const cpuStart = process.cpuUsage();
  const startMs = performance.now();
  const endMs = startMs + SECONDS * 1000;
  while (performance.now() < endMs) {
    const due = Math.floor(((performance.now() - startMs) / 1000) * RATE_PER_SECOND);
    for (; started < due; started++) {
      const cookie = cookies[started % cookies.length];
      const at = performance.now();
      const check: Promise<void> = sessionOfCookie(t.db, cookie).then((s) => {
        durations.push(performance.now() - at);
        if (!s) refused++;
        inFlight.delete(check);
      });
      inFlight.add(check);
    }
    // Sleep to the next millisecond rather than spin: the driver must not eat the checks' CPU.
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - startMs) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const [{ written } = { written: 0 }] = await t.sql<{ written: number }>(
    "SELECT count(*)::int AS written FROM sessions WHERE last_seen_at > now() - make_interval(secs => $1)",
    [elapsedSeconds + 1],
  );

  durations.sort((a, b) => a - b);
  const p50 = percentile(durations, 0.5);
  console.log(`\n## Session check per request (bench/session-check.ts)\n`);
  console.log(
    `- ${SESSIONS.toLocaleString("en-US")} sessions of as many users; open loop at ${RATE_PER_SECOND}/s for ${SECONDS} s: ${durations.length.toLocaleString("en-US")} checks, ${(durations.length / elapsedSeconds).toFixed(0)}/s achieved`,
  );
  console.log(`- last-seen written for ${written.toLocaleString("en-US")} sessions meanwhile (at most once a minute each)`);
  console.log(`- CPU of this process: ${((cpu.user + cpu.system) / 1000 / durations.length).toFixed(3)} ms per check (decrypting the cookie, Prisma, pg)`);
  console.log(`\n| p50 ms | p95 ms | p99 ms | max ms | refused |\n|---|---|---|---|---|`);
  console.log(
    `| ${p50.toFixed(2)} | ${percentile(durations, 0.95).toFixed(2)} | ${percentile(durations, 0.99).toFixed(2)} | ${durations.at(-1)!.toFixed(1)} | ${refused} |`,
  );
  console.log(`\ntarget p50 ≤ ${TARGET_P50_MS} ms at ${RATE_PER_SECOND}/s: ${p50 <= TARGET_P50_MS && refused === 0 ? "yes" : "no"}`);
  if (refused) process.exitCode = 1;
} finally {
  await t.close();
}
