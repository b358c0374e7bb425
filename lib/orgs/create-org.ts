// Provisions an org with its settings row (defaults from the schema, SPEC S1–S4) and the
// default profiles. Takes a transaction client: the caller's transaction makes it all-or-nothing.
import type { Prisma } from "@db/generated";
import { DEFAULT_PROFILES } from "./default-profiles";

export async function createOrg(tx: Prisma.TransactionClient, opts: { name: string; slug: string; environment?: string | null }) {
  const org = await tx.org.create({ data: { name: opts.name, slug: opts.slug, environment: opts.environment ?? null } });
  await tx.orgSettings.create({ data: { orgId: org.id } });
  await tx.profile.createMany({ data: DEFAULT_PROFILES.map((p) => ({ ...p, orgId: org.id })) });
  const profiles = await tx.profile.findMany({ where: { orgId: org.id } });
  return { org, profileIds: Object.fromEntries(profiles.map((p) => [p.name, p.id])) as Record<string, string> };
}
