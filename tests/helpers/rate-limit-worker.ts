// A second (third…) app process for the rate-limit test: its own Prisma client on the same
// database, firing `hits` concurrent hits at one limit and subject, printing what it was told.
//   tsx tests/helpers/rate-limit-worker.ts <databaseUrl> <limit> <subject> <hits> <nowMs>
import { PrismaClient } from "@db/generated";
import { PrismaPg } from "@prisma/adapter-pg";
import { hitRateLimit } from "@/lib/security/rate-limit";
import type { RateLimitName } from "@/lib/security/rate-limits";

const [url, limit, subject, hits, nowMs] = process.argv.slice(2);
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url!, max: 20 }) });
const results = await Promise.all(
  Array.from({ length: Number(hits) }, () => hitRateLimit(db, { limit: limit as RateLimitName, subject: subject!, nowMs: Number(nowMs) })),
);
console.log(
  JSON.stringify({
    answered: results.length,
    admitted: results.filter((r) => r.ok).length,
    firstRefusals: results.filter((r) => !r.ok && r.firstRefusal).length,
  }),
);
await db.$disconnect();
