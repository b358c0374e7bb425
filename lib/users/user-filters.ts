// Setup > Users search and filters (SPEC A1) as one zod schema — parsed from the URL, so a
// filtered view is shareable — and the Prisma where-clause it means.
import { z } from "zod";
import type { Prisma } from "@db/generated";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";

export const MFA_STATES = ["none", "totp", "webauthn", "temp-code", "locked"] as const;
export const MFA_STATE_LABELS: Record<(typeof MFA_STATES)[number], string> = {
  none: "No method registered",
  totp: "Authenticator app",
  webauthn: "Security key / passkey",
  "temp-code": "Temporary code active",
  locked: "Locked",
};

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const userFiltersSchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  status: z.preprocess(blankToUndefined, z.enum(["active", "inactive"]).optional()),
  profile: z.preprocess(blankToUndefined, z.uuid().optional()),
  mfa: z.preprocess(blankToUndefined, z.enum(MFA_STATES).optional()),
});
export type UserFilters = z.infer<typeof userFiltersSchema>;

/** Unknown or malformed parameters are dropped, not errors: a stale shared link still opens. */
export function parseUserFilters(params: Record<string, string | string[] | undefined>): UserFilters {
  const pick = (k: string) => (typeof params[k] === "string" ? params[k] : undefined);
  const out: UserFilters = {};
  for (const key of ["q", "status", "profile", "mfa"] as const) {
    const one = userFiltersSchema.shape[key].safeParse(pick(key));
    if (one.success && one.data !== undefined) Object.assign(out, { [key]: one.data });
  }
  return out;
}

/** pg_trgm indexes fragments of at least this many characters anywhere in a word. */
export const TRIGRAM_LENGTH = 3;

/**
 * Name or username contains the text — served by the trigram indexes. A 1–2 character fragment
 * has no trigram of its own, so "contains" would read every user; it matches at the start of the
 * name, of any word in the name, or of the username instead, which the same indexes serve
 * (pg_trgm pads word starts: "jo" at a word start is the trigram " jo"). That is also what a
 * person typing two letters usually means.
 */
function searchWhere(q: string): Prisma.UserWhereInput {
  const mode = "insensitive" as const;
  if (q.length >= TRIGRAM_LENGTH) {
    return { OR: [{ name: { contains: q, mode } }, { username: { contains: q, mode } }] };
  }
  return { OR: [{ name: { startsWith: q, mode } }, { name: { contains: ` ${q}`, mode } }, { username: { startsWith: q, mode } }] };
}

export function userFiltersWhere(filters: UserFilters, nowMs: number): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [];
  if (filters.q) and.push(searchWhere(filters.q));
  if (filters.status) and.push({ isActive: filters.status === "active" });
  if (filters.profile) and.push({ profileId: filters.profile });
  const verifiedTotp = { some: { verifiedAt: { not: null } } };
  switch (filters.mfa) {
    case "none":
      and.push({ totpFactors: { none: { verifiedAt: { not: null } } }, webauthnCreds: { none: {} } });
      break;
    case "totp":
      and.push({ totpFactors: verifiedTotp });
      break;
    case "webauthn":
      and.push({ webauthnCreds: { some: {} } });
      break;
    case "temp-code":
      and.push({ tempCodes: { some: activeTempCodeWhere(nowMs) } });
      break;
    case "locked":
      and.push({ lockedUntil: { gt: new Date(nowMs) } });
      break;
  }
  return and.length ? { AND: and } : {};
}
