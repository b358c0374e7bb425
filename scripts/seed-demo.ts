// `npm run seed:demo`: the demo orgs of SPEC E2 against DATABASE_URL (or the embedded database).
import { config, DATA_DIR } from "@/lib/config";
import { loadOrCreateSecrets } from "@/lib/secrets";
import { prepareDatabase } from "./prepare-database";

// E2: demo data (a System Administrator with a published password and TOTP secret) must never
// reach a production database by accident.
if (process.env.NODE_ENV === "production" && process.env.MFA_ALLOW_DEMO_SEED !== "1") {
  console.error("Refusing to seed demo data with NODE_ENV=production (set MFA_ALLOW_DEMO_SEED=1 if you really mean it).");
  process.exit(1);
}
loadOrCreateSecrets({ dataDir: DATA_DIR, allowGenerate: !config.databaseUrl });
const { applied, seeded } = await prepareDatabase({ seedDemo: true });
console.log(`${applied.length} migration(s) applied; demo orgs ${seeded ? "created" : "already present"}.`);
