// Break-glass for operators (SPEC E3), when the only administrator is locked out:
//   npm run mfa -- reset <username> --reason "…"
//   npm run mfa -- temp-code <username> --hours 1 [--max-uses N] --reason "…"
//   npm run mfa -- reset-password <username> --reason "…"
//   npm run mfa -- unlock <username>
//   npm run mfa -- second-admin-approval on|off --org <slug> --reason "…"
// Acts directly on the database with the same rules and events as the console; the actor is
// recorded as "operator (CLI)". A temporary code is printed once. With the org's second-
// administrator policy on (B3), a reset or code for an administrator becomes a request that an
// administrator approves in Setup > Users; when no second administrator can, the operator turns
// the policy off first — on purpose, as its own logged step, never silently.
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
import { resetPassword } from "@/lib/users/reset-password";
import { errorMessage } from "@/lib/errors";
import { securitySettingsSchema, updateSecuritySettings } from "@/lib/orgs/security-settings";

class CliError extends Error {}

const USAGE = `Usage:
  npm run mfa -- reset <username> --reason "why"
  npm run mfa -- temp-code <username> --hours <1-24> [--max-uses N] --reason "why"
  npm run mfa -- reset-password <username> --reason "why"
  npm run mfa -- unlock <username>
  npm run mfa -- second-admin-approval on|off --org <slug> --reason "why"`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { reason: { type: "string" }, hours: { type: "string" }, "max-uses": { type: "string" }, org: { type: "string" } },
});
const [command, rawUsername] = positionals;
const knownCommand =
  ["reset", "reset-password", "temp-code", "unlock"].includes(command ?? "") ||
  (command === "second-admin-approval" && (rawUsername === "on" || rawUsername === "off") && values.org);
if (!command || !rawUsername || !knownCommand) {
  console.error(USAGE);
  process.exit(2);
}

const OPERATOR = { id: null, label: "operator (CLI)" };
const PENDING =
  'It needs a second administrator\'s approval: an administrator approves it in Setup > Users. If no administrator can, turn the policy off first: npm run mfa -- second-admin-approval off --org <slug> --reason "…"';

loadOrCreateSecrets({ dataDir: DATA_DIR, allowGenerate: !config.databaseUrl });
const opened = await openDatabase();
try {
  if (command === "second-admin-approval") {
    if (!values.reason?.trim()) throw new CliError(errorMessage("REASON_REQUIRED"));
    const org = await opened.db.org.findUnique({ where: { slug: values.org! }, include: { settings: true } });
    if (!org?.settings) throw new CliError(`No org ${values.org}.`);
    const input = securitySettingsSchema.parse({ ...org.settings, requireSecondAdminForAdminReset: rawUsername === "on" });
    const result = await updateSecuritySettings({
      orgDb: forOrg(opened.db, org.id),
      orgId: org.id,
      actor: OPERATOR,
      input,
      context: { ip: null, userAgent: `mfa-cli: ${values.reason.trim().slice(0, 200)}` },
    });
    if (!result.ok) throw new CliError(errorMessage(result.code));
    console.log(`Second-administrator approval is ${rawUsername} for ${org.name}.`);
  } else {
    await actOnUser();
  }
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await opened.close();
}

async function actOnUser(): Promise<void> {
  const user = await opened.db.user.findUnique({ where: { username: normalizeUsername(rawUsername) } });
  if (!user) throw new CliError(`No user ${rawUsername}.`);
  const base = { orgDb: forOrg(opened.db, user.orgId), orgId: user.orgId, actor: OPERATOR, targetUserId: user.id, context: { ip: null, userAgent: "mfa-cli" } };
  if (command === "reset") {
    const result = await resetMfa({ ...base, reason: values.reason ?? "" });
    if (!result.ok) throw new CliError(errorMessage(result.code));
    if (result.pendingApproval) console.log(`Reset of ${user.username} requested. ${PENDING}`);
    else console.log(`MFA reset for ${user.username}: they register a method at their next login.`);
  } else if (command === "reset-password") {
    const result = await resetPassword({ ...base, reason: values.reason ?? "" });
    if (!result.ok) throw new CliError(errorMessage(result.code));
    if (result.pendingApproval) console.log(`Password reset of ${user.username} requested. ${PENDING} The approving administrator sees the activation link.`);
    else
      console.log(
        `Password reset for ${user.username}; their sessions ended. Activation link (shown once, valid until ${result.link.expiresAt.toISOString()}):\n\n    ${result.link.url}\n`,
      );
  } else if (command === "temp-code") {
    const maxUses = values["max-uses"] ? Number(values["max-uses"]) : null;
    const result = await generateTempCode({ ...base, expiresInHours: Number(values.hours ?? 1), maxUses, reason: values.reason ?? "" });
    if (!result.ok) throw new CliError(errorMessage(result.code));
    if (result.pendingApproval) console.log(`Temporary code for ${user.username} requested. ${PENDING} The approving administrator sees the code.`);
    else
      console.log(
        `Temporary Verification Code for ${user.username} (shown once, valid until ${result.expiresAt.toISOString()}):\n\n    ${formatTempCode(result.code)}\n`,
      );
  } else {
    const result = await unlockUser(base);
    if (!result.ok) throw new CliError(errorMessage(result.code));
    console.log(`${user.username} is unlocked.`);
  }
}
