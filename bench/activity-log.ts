// `npm run bench:activity-log`: Setup > Identity Verification History at 1,000,000 events in one
// org (SPEC V2, target p95 ≤ 50 ms), plus 200,000 events of another org as noise. Seeds with
// INSERT … SELECT generate_series on a fresh Postgres database, then times the first page, a deep
// page, each filter and their combination through the same lib calls the page makes, and the CSV
// export in rows per second. Prints what it measured.
import "../tests/helpers/env";
import { createMigratedDb } from "../tests/helpers/test-db";
import { seedDemo } from "@/lib/seed/demo";
import { forOrg } from "@/lib/db/tenant";
import { listEvents } from "@/lib/activity/list-events";
import { countEvents } from "@/lib/activity/count-events";
import { seedEvents } from "./seed-events";
import { eventCsvChunks } from "@/lib/activity/export-events-csv";
import type { EventFilters } from "@/lib/activity/event-filters";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const NOISE_EVENTS = Math.round(EVENTS / 5);
const USERS = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const DAYS = 90;

function summary(name: string, samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const flag = at(0.95) <= 50 ? "" : "  (over the 50 ms target)";
  console.log(
    `${name.padEnd(44)} n=${String(sorted.length).padStart(3)}  p50 ${at(0.5).toFixed(2).padStart(7)} ms  p95 ${at(0.95).toFixed(2).padStart(7)} ms${flag}`,
  );
}

const t = await createMigratedDb();
try {
  await seedDemo(t.db);
  const [acme] = await t.sql<{ id: string; profile_id: string }>("SELECT u.org_id AS id, u.profile_id FROM users u WHERE username = 'bob@acme.test'");
  const [globex] = await t.sql<{ id: string }>("SELECT org_id AS id FROM users WHERE username = 'admin@globex.test'");
  await t.sql(
    `INSERT INTO users (org_id, username, name, password_hash, profile_id)
     SELECT $1, 'bench' || i || '@acme.test', 'Bench User ' || i, 'x', $2 FROM generate_series(1, $3::int) AS i`,
    [acme!.id, acme!.profile_id, USERS],
  );
  let start = performance.now();
  await seedEvents(t.sql, { orgId: acme!.id, count: EVENTS, days: DAYS });
  await seedEvents(t.sql, { orgId: globex!.id, count: NOISE_EVENTS, days: DAYS });
  await t.sql("ANALYZE verification_events");
  console.log(
    `seeded ${EVENTS.toLocaleString("en-US")} events in Acme + ${NOISE_EVENTS.toLocaleString("en-US")} in Globex in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  const db = forOrg(t.db, acme!.id);
  const [someUser] = await t.sql<{ id: string }>("SELECT id FROM users WHERE username = 'bench500@acme.test'");
  const day = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const cases: [string, EventFilters][] = [
    ["first page, no filter", {}],
    ["user", { user: someUser!.id }],
    ["activity = Login (common)", { activity: "LOGIN" }],
    ["activity = MFA reset (rare, 0.1 %)", { activity: "MFA_RESET" }],
    ["method = Security key", { method: "WEBAUTHN" }],
    ["status = Failed", { status: "FAILED" }],
    ["date range: one day, 10 days ago", { from: day, to: day, tz: "Europe/Paris" }],
    ["user + status = Failed", { user: someUser!.id, status: "FAILED" }],
    [
      "activity = Unlock + status + 30 days",
      { activity: "UNLOCK", status: "SUCCEEDED", from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) },
    ],
  ];
  for (const [name, filters] of cases) {
    await listEvents(db, { filters }); // warm
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await listEvents(db, { filters });
      samples.push(performance.now() - s);
    }
    summary(name, samples);
    // The page also shows its result count, capped at 10,000 (lib/activity/count-events.ts).
    await countEvents(db, { filters }); // warm
    const counts: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await countEvents(db, { filters });
      counts.push(performance.now() - s);
    }
    summary(`  + its count (capped at 10,000)`, counts);
  }
  // A deep page: 200 pages in, reached by following "Older" (the cost does not grow with depth).
  let page = await listEvents(db, {});
  for (let i = 0; i < 200 && page.older; i++) page = await listEvents(db, { older: page.older });
  const deep: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await listEvents(db, { older: page.older! });
    deep.push(performance.now() - s);
  }
  summary("page 200 (keyset, via Older)", deep);

  for (const [name, filters] of [
    ["CSV export, status = Failed", { status: "FAILED" }],
    ["CSV export, 7 days, all", { from: new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10) }],
  ] as const) {
    start = performance.now();
    let rows = -1; // the header
    let bytes = 0;
    for await (const chunk of eventCsvChunks(db, { filters })) {
      rows += chunk.split("\r\n").length - 1;
      bytes += Buffer.byteLength(chunk);
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `${name.padEnd(44)} ${rows.toLocaleString("en-US")} rows, ${(bytes / 1048576).toFixed(1)} MB in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s`,
    );
  }
} finally {
  await t.close();
}
