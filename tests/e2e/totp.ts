// TOTP codes for the e2e tests, computed by oathtool — a client independent of our own module.
// A time step is accepted once per user, so a user's next login must use a later step: we read
// the last accepted step from the database (it survives Playwright's worker restarts) and take
// the next one within the ±1 window, waiting when even that is used.
import { execFileSync } from "node:child_process";
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

export async function freshTotp(username: string, secret: string): Promise<string> {
  const step = Math.max(Math.floor(Date.now() / STEP_MS), (await lastUsedStep(username)) + 1);
  while (step > Math.floor(Date.now() / STEP_MS) + 1) await new Promise((r) => setTimeout(r, 1000));
  const at = new Date(step * STEP_MS + 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC";
  return execFileSync("oathtool", ["--totp", "-b", secret, "--now", at], { encoding: "utf8" }).trim();
}
