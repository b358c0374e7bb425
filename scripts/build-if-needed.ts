// Runs `next build` when there is no build yet or a source file is newer than it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
/** The production server (Next behind a plain Node HTTP server; see the file). */
export const SERVER_SCRIPT = path.resolve("scripts/server.mjs");

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIfNeeded(): void {
  const buildId = path.resolve(".next/BUILD_ID");
  const builtAtMs = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const inputs = ["app", "components", "lib", "public"].filter((d) => fs.existsSync(d));
  const configs = ["package.json", "next.config.ts", "postcss.config.mjs", "prisma/schema.prisma"];
  const changedAtMs = Math.max(...inputs.map(newestMtimeMs), ...configs.map((f) => fs.statSync(f).mtimeMs));
  if (builtAtMs > changedAtMs) return;
  console.log("Building the console (first start or changed sources)…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
