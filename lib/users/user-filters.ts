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

export function userFiltersWhere(filters: UserFilters, nowMs: number): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [];
  if (filters.q) {
    // Served by the trigram indexes on name and username.
    and.push({ OR: [{ name: { contains: filters.q, mode: "insensitive" } }, { username: { contains: filters.q, mode: "insensitive" } }] });
  }
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
