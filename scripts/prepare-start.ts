// `npm start`'s preparation, run by scripts/start.mjs in a process of its own that exits when done:
// build when needed, apply migrations, seed the demo orgs once (embedded default), print the demo
// logins, and hand the secrets it loaded or created to the parent, which then starts the server.
import { config, DATA_DIR } from "@/lib/config";
import { loadOrCreateSecrets, SECRET_NAMES } from "@/lib/secrets";
import { prepareDatabase } from "./prepare-database";
import { buildIfNeeded } from "./build-if-needed";
import { DEMO_API_TOKEN, DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/lib/seed/demo";

const port = Number(process.env.PORT ?? 3000);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
const embedded = !config.databaseUrl;
// The embedded default is a local demo: its webhooks may go to a receiver on this machine.
if (embedded) process.env.MFA_WEBHOOKS_ALLOW_LOCALHOST ??= "1";
loadOrCreateSecrets({ dataDir: DATA_DIR, allowGenerate: embedded });

buildIfNeeded();
const { seeded } = await prepareDatabase({ seedDemo: embedded, demoApiToken: embedded });

const demo = embedded
  ? `${seeded ? "Demo orgs created." : "Demo data as before."}
Demo logins (password "${DEMO_PASSWORD}"):
${DEMO_LOGINS.map((u) => `  ${u.username.padEnd(20)} ${u.org.padEnd(7)} ${u.profile}${u.totp ? "  (authenticator app registered)" : ""}`).join("\n")}
Demo TOTP secret (add it to an authenticator app, or: oathtool --totp -b ${DEMO_TOTP_SECRET}):
  ${DEMO_TOTP_SECRET}
Demo API token (api@acme.test, all scopes; docs at ${process.env.NEXTAUTH_URL}/docs/api):
  curl -H "Authorization: Bearer ${DEMO_API_TOKEN}" ${process.env.NEXTAUTH_URL}/api/v1/users?q=bob`
  : "Demo data is never created against a server implicitly: `npm run seed:demo` adds it.";
console.log(`
MFA Console — ${embedded ? `embedded Postgres (PGlite) in ${config.pgliteDir}` : "Postgres from DATABASE_URL"}
${demo}
${process.env.MFA_WEBHOOK_WORKER === "0" ? "Webhooks: this server delivers none (MFA_WEBHOOK_WORKER=0): run `npm run worker`." : "Webhooks: delivered by this server."}${process.env.MFA_WEBHOOKS_ALLOW_LOCALHOST === "1" ? " Endpoints on http://localhost are allowed (MFA_WEBHOOKS_ALLOW_LOCALHOST=1)." : ""}
Open ${process.env.NEXTAUTH_URL}/login
`);

// What the server needs that this process set: the secrets (from .data/ or new), the URL, and
// for the embedded demo, webhooks to localhost allowed.
const handedOver = Object.fromEntries(
  ["NEXTAUTH_URL", "NEXT_TELEMETRY_DISABLED", "MFA_WEBHOOKS_ALLOW_LOCALHOST", ...SECRET_NAMES].map((name) => [name, process.env[name]]),
);
process.send!({ env: handedOver }, () => process.exit(0));
