// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the embedded database).
import { prepareDatabase } from "./prepare-database";

const { applied } = await prepareDatabase({ seedDemo: false });
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
