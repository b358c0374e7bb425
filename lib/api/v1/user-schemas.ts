// The users of the REST API as JSON (SPEC P2, A1, A2): what a list row and a user's page show.
import { z } from "zod";
import { decodeCursor, type UserListRow } from "@/lib/users/list-users";
import type { UserRecord } from "@/lib/users/get-user-record";
import { userFiltersSchema } from "@/lib/users/user-filters";
import { cursorParam, isoDateTime, limitParam } from "./common";

export const listUsersQuery = z.object({
  q: userFiltersSchema.shape.q.meta({ description: "Name or username contains (1–2 letters: starts a word).", example: "bob" }),
  status: userFiltersSchema.shape.status,
  profile: userFiltersSchema.shape.profile.meta({ description: "A profile id." }),
  mfa: userFiltersSchema.shape.mfa,
  // A cursor that decodes to nothing would silently restart at page one: refused instead.
  cursor: cursorParam.refine((c) => c === undefined || decodeCursor(c) !== null, "Not a cursor of this API: pass nextCursor as given."),
  limit: limitParam,
});

const methodType = z.enum(["TOTP", "WEBAUTHN"]).meta({ description: "TOTP: authenticator app; WEBAUTHN: security key or passkey." });

export const userSummarySchema = z
  .object({
    id: z.uuid(),
    username: z.string().meta({ example: "bob@acme.test" }),
    name: z.string().meta({ example: "Bob Brown" }),
    profile: z.string().meta({ example: "Standard User" }),
    status: z.enum(["active", "inactive"]),
    methods: z.array(methodType).meta({ description: "Kinds of registered method." }),
    tempCodeActive: z.boolean(),
    lockedUntil: isoDateTime.nullable(),
  })
  .meta({ id: "UserSummary" });

export function userSummary(row: UserListRow): z.infer<typeof userSummarySchema> {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    profile: row.profileName,
    status: row.isActive ? "active" : "inactive",
    methods: [...(row.totpCount ? ["TOTP" as const] : []), ...(row.webauthnCount ? ["WEBAUTHN" as const] : [])],
    tempCodeActive: row.tempCodeActive,
    lockedUntil: row.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil.toISOString() : null,
  };
}

export const methodSchema = z
  .object({
    id: z.uuid(),
    type: methodType,
    name: z.string().meta({ example: "iPhone" }),
    registeredAt: isoDateTime,
    lastUsedAt: isoDateTime.nullable(),
  })
  .meta({ id: "VerificationMethod" });

export const userDetailSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    name: z.string(),
    status: z.enum(["active", "inactive"]),
    profile: z.object({ id: z.uuid(), name: z.string() }),
    extraPermissions: z.array(z.string()),
    lockedUntil: isoDateTime.nullable(),
    lastLoginAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    methods: z.array(methodSchema),
    tempCode: z
      .object({ expiresAt: isoDateTime, useCount: z.number().int(), maxUses: z.number().int().nullable() })
      .nullable()
      .meta({ description: "The active temporary verification code, or null." }),
    recoveryCodesLeft: z.number().int(),
    pendingApproval: z
      .object({ id: z.uuid(), action: z.enum(["RESET_MFA", "DISCONNECT_METHOD", "TEMP_CODE", "RESET_PASSWORD"]), requestedAt: isoDateTime })
      .nullable()
      .meta({ description: "A change waiting for a second administrator (B3)." }),
  })
  .meta({ id: "UserDetail" });

export function methodsOf(detail: Pick<UserRecord, "user">): z.infer<typeof methodSchema>[] {
  return [
    ...detail.user.totpFactors.map((f) => ({
      id: f.id,
      type: "TOTP" as const,
      name: f.name,
      registeredAt: (f.verifiedAt ?? f.createdAt).toISOString(),
      lastUsedAt: f.lastUsedAt?.toISOString() ?? null,
    })),
    ...detail.user.webauthnCreds.map((c) => ({
      id: c.id,
      type: "WEBAUTHN" as const,
      name: c.name,
      registeredAt: c.createdAt.toISOString(),
      lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
    })),
  ];
}

export function userDetail(detail: UserRecord): z.infer<typeof userDetailSchema> {
  const { user } = detail;
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    status: user.isActive ? "active" : "inactive",
    profile: { id: user.profile.id, name: user.profile.name },
    extraPermissions: user.extraPermissions,
    lockedUntil: detail.lockedUntil?.toISOString() ?? null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    methods: methodsOf(detail),
    tempCode: detail.tempCode
      ? { expiresAt: detail.tempCode.expiresAt.toISOString(), useCount: detail.tempCode.useCount, maxUses: detail.tempCode.maxUses }
      : null,
    recoveryCodesLeft: detail.recoveryCodesLeft,
    pendingApproval: detail.pendingApproval
      ? { id: detail.pendingApproval.id, action: detail.pendingApproval.action, requestedAt: detail.pendingApproval.createdAt.toISOString() }
      : null,
  };
}
