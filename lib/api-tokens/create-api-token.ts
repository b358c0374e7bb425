// Setup > API Tokens > New token (SPEC P1, L10): a token acting as one user of the org, with
// scopes the creator holds, shown once. Only its SHA-256 is stored. The token and its event
// commit together (A10).
import type { Permission } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { newApiToken } from "./token-format";
import { effectivePermissions } from "@/lib/users/permissions";
import type { CreateApiTokenInput } from "./api-token-schemas";

const DAY_MS = 86_400_000;

export async function createApiToken(opts: {
  orgDb: OrgDb;
  orgId: string;
  actor: { id: string };
  /** The creator's own permissions: a token never carries more than its creator held (P1). */
  actorPermissions: Set<Permission>;
  input: CreateApiTokenInput;
  context: RequestContext;
  nowMs?: number;
}): Promise<Result<{ id: string; token: string; expiresAt: Date | null }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const scopes = [...new Set(opts.input.scopes)];
  if (!scopes.every((s) => opts.actorPermissions.has(s))) return fail("PERMISSION_ESCALATION");
  const actingUser = await opts.orgDb.user.findUnique({ where: { id: opts.input.actingUserId }, include: { profile: true } });
  if (!actingUser) return fail("NOT_FOUND");
  if (!actingUser.isActive) return fail("API_TOKEN_USER_INACTIVE");
  // Only an Api Only user: a token acting as a person would be their password and MFA in one
  // string, usable by whoever holds it (T3, L11).
  if (!effectivePermissions(actingUser).has("API_ONLY")) return fail("API_TOKEN_USER_NOT_API_ONLY");
  const { token, tokenHash, prefix } = newApiToken();
  const expiresAt = opts.input.expiresInDays === "never" ? null : new Date(nowMs + Number(opts.input.expiresInDays) * DAY_MS);
  return opts.orgDb.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        orgId: opts.orgId,
        name: opts.input.name,
        prefix,
        tokenHash,
        permissions: scopes,
        actingUserId: actingUser.id,
        createdById: opts.actor.id,
        expiresAt,
        createdAt: new Date(nowMs),
      },
    });
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: actingUser.id,
      username: actingUser.username,
      actorId: opts.actor.id,
      activity: "API_TOKEN_CREATED",
      method: "API_TOKEN",
      status: "SUCCEEDED",
      context: opts.context,
      // Keys that name no secret: the history masks any key saying "token" (lib/activity/redact-detail.ts).
      detail: { id: row.id, name: row.name, prefix, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { ok: true as const, id: row.id, token, expiresAt };
  });
}
