// TOTP codes for the e2e tests, computed by oathtool — a client independent of our own module.
// A time step is accepted once per user, so a user's next login must use a later step than any
// accepted or handed out before: the last accepted step is read from the database, the last
// handed-out one from a file shared by Playwright's workers (they run specs in parallel, and
// survive as files across worker restarts); we take the next step within the ±1 window, waiting
// when even that is taken.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const STEP_MS = 30_000;

async function lastUsedStep(username: string): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ step: string | null }>(
      "SELECT max(t.last_used_step)::text AS step FROM totp_factors t JOIN users u ON u.id = t.user_id WHERE u.username = $1",
      [username],
    );
    return rows[0]?.step ? Number(rows[0].step) : -1;
  } finally {
    await client.end();
  }
}

// One file per e2e database (each run makes its own), so runs never see each other's steps.
function reservationsFile(): string {
  const run = crypto
    .createHash("sha256")
    .update(process.env.E2E_DATABASE_URL ?? "")
    .digest("hex")
    .slice(0, 16);
  return path.join(os.tmpdir(), `mfa-e2e-totp-${run}.json`);
}

/** Runs fn while holding a lock file (O_EXCL create), so two workers never hand out one step. */
async function withReservations<T>(fn: (steps: Record<string, number>) => T): Promise<T> {
  const file = reservationsFile();
  const lock = `${file}.lock`;
  for (let tries = 0; ; tries++) {
    try {
      fs.closeSync(fs.openSync(lock, "wx"));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A worker killed while holding the lock (a timeout) must not stall the run.
      if (tries > 200) fs.rmSync(lock, { force: true });
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  try {
    const steps = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, number>) : {};
    const result = fn(steps);
    fs.writeFileSync(file, JSON.stringify(steps));
    return result;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export async function freshTotp(username: string, secret: string): Promise<string> {
  const used = await lastUsedStep(username);
  const step = await withReservations((steps) => {
    const next = Math.max(Math.floor(Date.now() / STEP_MS), used + 1, (steps[username] ?? -1) + 1);
    steps[username] = next;
    return next;
  });
  while (step > Math.floor(Date.now() / STEP_MS) + 1) await new Promise((r) => setTimeout(r, 1000));
  const at = new Date(step * STEP_MS + 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC";
  return execFileSync("oathtool", ["--totp", "-b", secret, "--now", at], { encoding: "utf8" }).trim();
}
