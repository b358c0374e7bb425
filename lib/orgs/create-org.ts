// Provisions an org with its settings row (defaults from the schema, SPEC S1–S4) and the
// default profiles, in one transaction.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@db/generated";
import { DEFAULT_PROFILES } from "./default-profiles";

type Tx = Prisma.TransactionClient;

/** Pass a transaction client to make the org part of a larger transaction. */
export async function createOrg(db: Db | Tx, opts: { name: string; slug: string; environment?: string | null }) {
  const run = <T>(fn: (tx: Tx) => Promise<T>) => ("$transaction" in db ? db.$transaction(fn) : fn(db));
  return run(async (tx) => {
    const org = await tx.org.create({ data: { name: opts.name, slug: opts.slug, environment: opts.environment ?? null } });
    await tx.orgSettings.create({ data: { orgId: org.id } });
    await tx.profile.createMany({ data: DEFAULT_PROFILES.map((p) => ({ ...p, orgId: org.id })) });
    const profiles = await tx.profile.findMany({ where: { orgId: org.id } });
    return { org, profileIds: Object.fromEntries(profiles.map((p) => [p.name, p.id])) as Record<string, string> };
  });
}
