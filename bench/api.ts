// `npm run bench:api`: REST API v1 over real HTTP (issue 9). On a fresh Postgres database it seeds
// Acme with 100,000 users (bench/seed-users.ts), serves the production build (scripts/server.mjs),
// and drives GET /api/v1/users/{id} and GET /api/v1/users with autocannon at concurrency 1, 4 and
// 16, printing p50/p95 and requests/s against the target (p95 ≤ 50 ms). Calls rotate over many
// tokens, as many integrations would: each token's own throttle (600 a minute) stays out of the
// figures. It also prints the plan of the token check: one indexed lookup.
import "../tests/helpers/env";
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { createMigratedDb } from "../tests/helpers/test-db";
import { buildIfNeeded, SERVER_SCRIPT } from "../scripts/build-if-needed";
import { seedDemo } from "@/lib/seed/demo";
import { newApiToken } from "@/lib/api-tokens/token-format";
import { TOKEN_LOOKUP_SQL } from "@/lib/api-tokens/authenticate-api-token";
import { counterSlot } from "@/lib/security/rate-limit";
import { seedUsers } from "./seed-users";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = [1, 4, 16];
const TOKENS = 200;
const TARGET_P95_MS = 50;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const t = await createMigratedDb();
let server: ReturnType<typeof spawn> | undefined;
try {
  await seedDemo(t.db);
  const acme = await t.db.org.findUniqueOrThrow({ where: { slug: "acme" } });
  const profiles = Object.fromEntries((await t.db.profile.findMany({ where: { orgId: acme.id } })).map((p) => [p.name, p.id]));
  await seedUsers(t, acme.id, "acme.test", USERS, profiles);
  await t.sql("VACUUM ANALYZE");
  // The seed left hundreds of MB of dirty pages: written out now, not by a checkpoint during the
  // runs, where its disk writes stall every commit's WAL flush and the figures measure the seed.
  await t.sql("CHECKPOINT");
  const api = await t.db.user.findUniqueOrThrow({ where: { username: "api@acme.test" } });
  const tokens = Array.from({ length: TOKENS }, () => newApiToken());
  await t.db.apiToken.createMany({
    data: tokens.map((k, i) => ({
      orgId: acme.id,
      name: `bench ${i}`,
      prefix: k.prefix,
      tokenHash: k.tokenHash,
      permissions: ["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"],
      actingUserId: api.id,
    })),
  });
  const ids = (await t.sql<{ id: string }>("SELECT id FROM users WHERE org_id = $1 ORDER BY random() LIMIT 1000", [acme.id])).map((r) => r.id);

  const slot = counterSlot("API_CALLS_PER_TOKEN", tokens[0]!.tokenHash, Date.now());
  const plan = await t.sql<{ "QUERY PLAN": string }>(`EXPLAIN ${TOKEN_LOOKUP_SQL}`, [
    tokens[0]!.tokenHash,
    slot.key,
    slot.windowStart,
    slot.windowEnd,
    new Date(),
  ]);
  console.log(`token check: ${plan.map((r) => r["QUERY PLAN"].trim()).join(" / ")}`);

  buildIfNeeded();
  server = spawn(process.execPath, [...(process.env.BENCH_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`] : []), SERVER_SCRIPT], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: t.url!, NEXTAUTH_URL: `http://localhost:${PORT}`, NODE_ENV: "production" },
  });
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`http://localhost:${PORT}/api/v1/openapi.json`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 250));
  }

  let call = 0;
  const allCases = [
    { label: "GET /users/{id}", path: () => `/api/v1/users/${ids[call % ids.length]}` },
    { label: "GET /users (first page, 50)", path: () => "/api/v1/users" },
    { label: "GET /users?q=son", path: () => "/api/v1/users?q=son" },
  ];
  // BENCH_CASE runs only the cases whose label starts with it (README).
  const only = process.env.BENCH_CASE;
  const cases = only ? allCases.filter((c) => c.label.startsWith(only)) : allCases;
  console.log(`\n${USERS.toLocaleString("en-US")} users; ${SECONDS} s per run; load ${loadavg()[0]!.toFixed(2)}`);
  console.log("| case | concurrency | requests/s | p50 ms | p95 ms | non-2xx | p95 ≤ 50 ms |\n|---|---|---|---|---|---|---|");
  for (const c of cases) {
    for (const connections of CONCURRENCY) {
      const latencies: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: `http://localhost:${PORT}`,
            connections,
            duration: SECONDS,
            requests: [
              {
                setupRequest: (req) => {
                  call++;
                  return { ...req, method: "GET", path: c.path(), headers: { authorization: `Bearer ${tokens[call % TOKENS]!.token}` } };
                },
              },
            ],
          },
          (error, done) => (error ? reject(error) : resolve(done)),
        );
        instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
      });
      latencies.sort((a, b) => a - b);
      const p95 = percentile(latencies, 0.95);
      console.log(
        `| ${c.label} | ${connections} | ${result.requests.average.toFixed(0)} | ${percentile(latencies, 0.5).toFixed(1)} | ${p95.toFixed(1)} | ${result.non2xx} | ${p95 <= TARGET_P95_MS ? "yes" : "no"} |`,
      );
    }
  }
} finally {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await t.close();
}
