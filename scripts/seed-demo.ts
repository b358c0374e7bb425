// `npm run seed:demo`: the demo orgs of SPEC E2 against DATABASE_URL (or the embedded database).
import { config, DATA_DIR } from "@/lib/config";
import { loadOrCreateSecrets } from "@/lib/secrets";
import { prepareDatabase } from "./prepare-database";

loadOrCreateSecrets({ dataDir: DATA_DIR, allowGenerate: !config.databaseUrl });
const { applied, seeded } = await prepareDatabase({ seedDemo: true });
console.log(`${applied.length} migration(s) applied; demo orgs ${seeded ? "created" : "already present"}.`);
