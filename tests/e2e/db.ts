// Direct access to the e2e database for test setup that has no UI yet (or that an admin would do
// in another browser): a Prisma client on E2E_DATABASE_URL, and the lib functions themselves.
import { PrismaClient } from "@db/generated";
import { PrismaPg } from "@prisma/adapter-pg";

export async function withDb<T>(fn: (db: PrismaClient) => Promise<T>): Promise<T> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_DATABASE_URL! }) });
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}
