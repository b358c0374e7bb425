// Setup > Users search and filters (SPEC A1) as one zod schema — parsed from the URL, so a
// filtered view is shareable — and the Prisma where-clause it means.
import { z } from "zod";
import type { Prisma } from "@db/generated";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";
import { plainText } from "@/lib/api/text";
import { likeLiteral } from "@/lib/db/like";

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
  q: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(100, "Keep the search under 100 characters.")
      .refine(...plainText("search"))
      .optional(),
  ),
  status: z.preprocess(blankToUndefined, z.enum(["active", "inactive"]).optional()),
  profile: z.preprocess(blankToUndefined, z.uuid().optional()),
  mfa: z.preprocess(blankToUndefined, z.enum(MFA_STATES).optional()),
});
export type UserFilters = z.infer<typeof userFiltersSchema>;

const USER_FILTER_KEYS = ["q", "status", "profile", "mfa"] as const;

/**
 * Unknown or malformed parameters are dropped, not errors: a stale shared link still opens; the
 * page says which one it left out (`problems`).
 */
export function checkUserFilters(params: Record<string, string | string[] | undefined>): {
  filters: UserFilters;
  problems: Partial<Record<(typeof USER_FILTER_KEYS)[number], string>>;
} {
  const filters: UserFilters = {};
  const problems: Partial<Record<(typeof USER_FILTER_KEYS)[number], string>> = {};
  for (const key of USER_FILTER_KEYS) {
    const raw = params[key];
    const one = userFiltersSchema.shape[key].safeParse(typeof raw === "string" ? raw : undefined);
    if (Array.isArray(raw)) problems[key] = "Give this filter once.";
    else if (!one.success) problems[key] = one.error.issues[0]?.message ?? "Not a valid value.";
    else if (one.data !== undefined) Object.assign(filters, { [key]: one.data });
  }
  return { filters, problems };
}

export function parseUserFilters(params: Record<string, string | string[] | undefined>): UserFilters {
  return checkUserFilters(params).filters;
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
function searchWhere(text: string): Prisma.UserWhereInput {
  const mode = "insensitive" as const;
  const q = likeLiteral(text);
  if (text.length >= TRIGRAM_LENGTH) {
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
