// Server secrets (SPEC E1): NEXTAUTH_SECRET signs/encrypts the session cookie; MFA_ENCRYPTION_KEY
// (base64, 32 bytes) encrypts TOTP secrets. They come from the environment. The embedded default
// generates them once and keeps them in .data/secrets.json (mode 0600) so restarts keep working.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

export const SECRET_NAMES = ["NEXTAUTH_SECRET", "MFA_ENCRYPTION_KEY"] as const;

export function loadOrCreateSecrets(opts: { dataDir: string; allowGenerate: boolean }): "env" | "generated" | "file" {
  const missing = SECRET_NAMES.filter((n) => !process.env[n]);
  if (missing.length === 0) return "env";
  if (!opts.allowGenerate) {
    throw new Error(`Set ${missing.join(" and ")} in the environment (see README, Configuration).`);
  }
  const file = path.join(opts.dataDir, "secrets.json");
  let stored: Record<string, string> = {};
  let source: "generated" | "file" = "file";
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, "utf8"));
  } else {
    stored = {
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      MFA_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    };
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    source = "generated";
  }
  for (const name of missing) process.env[name] = stored[name];
  return source;
}
