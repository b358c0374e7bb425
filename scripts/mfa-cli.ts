// Break-glass for operators (SPEC E3), when the only administrator is locked out:
//   npm run mfa -- reset <username> --reason "…"
//   npm run mfa -- temp-code <username> --hours 1 [--max-uses N] --reason "…"
//   npm run mfa -- unlock <username>
// Acts directly on the database with the same rules and events as the console; the actor is
// recorded as "operator (CLI)". A temporary code is printed once.
import { parseArgs } from "node:util";
import { config, DATA_DIR } from "@/lib/config";
import { loadOrCreateSecrets } from "@/lib/secrets";
import { openDatabase } from "@/lib/db/client";
import { forOrg } from "@/lib/db/tenant";
import { normalizeUsername } from "@/lib/auth/start-login";
import { resetMfa } from "@/lib/mfa/admin/reset-mfa";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { formatTempCode } from "@/lib/mfa/temp-codes/temp-code-policy";
import { unlockUser } from "@/lib/users/unlock-user";
import { errorMessage } from "@/lib/errors";

class CliError extends Error {}

const USAGE = `Usage:
  npm run mfa -- reset <username> --reason "why"
  npm run mfa -- temp-code <username> --hours <1-24> [--max-uses N] --reason "why"
  npm run mfa -- unlock <username>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { reason: { type: "string" }, hours: { type: "string" }, "max-uses": { type: "string" } },
});
const [command, rawUsername] = positionals;
if (!command || !rawUsername || !["reset", "temp-code", "unlock"].includes(command)) {
  console.error(USAGE);
  process.exit(2);
}

loadOrCreateSecrets({ dataDir: DATA_DIR, allowGenerate: !config.databaseUrl });
const opened = await openDatabase();
try {
  const user = await opened.db.user.findUnique({ where: { username: normalizeUsername(rawUsername) } });
  if (!user) throw new CliError(`No user ${rawUsername}.`);
  const base = { orgDb: forOrg(opened.db, user.orgId), orgId: user.orgId, actor: { id: null, label: "operator (CLI)" }, targetUserId: user.id, context: { ip: null, userAgent: "mfa-cli" } };
  if (command === "reset") {
    const result = await resetMfa({ ...base, reason: values.reason ?? "" });
    if (!result.ok) throw new CliError(errorMessage(result.code));
    console.log(`MFA reset for ${user.username}: they register a method at their next login.`);
  } else if (command === "temp-code") {
    const maxUses = values["max-uses"] ? Number(values["max-uses"]) : null;
    const result = await generateTempCode({ ...base, expiresInHours: Number(values.hours ?? 1), maxUses, reason: values.reason ?? "" });
    if (!result.ok) throw new CliError(errorMessage(result.code));
    console.log(`Temporary Verification Code for ${user.username} (shown once, valid until ${result.expiresAt.toISOString()}):\n\n    ${formatTempCode(result.code)}\n`);
  } else {
    const result = await unlockUser(base);
    if (!result.ok) throw new CliError(errorMessage(result.code));
    console.log(`${user.username} is unlocked.`);
  }
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await opened.close();
}

