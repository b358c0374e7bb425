// REST: who the token is (SPEC P1): its org, the user it acts as, and what it may do now.
import { z } from "zod";
import { defineOperation, ok } from "@/lib/http/api-operation";
import { API_TOKEN_SCOPES } from "@/lib/api-tokens/api-token-schemas";

const scope = z.enum(API_TOKEN_SCOPES);

export const meOperation = defineOperation({
  operationId: "getMe",
  method: "GET",
  path: "/me",
  tag: "token",
  summary: "The calling token",
  description: "`effectiveScopes` = the token's scopes ∩ its acting user's current permissions: what calls may do now.",
  action: null,
  responses: {
    200: {
      description: "The token.",
      schema: z
        .object({
          org: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
          actingUser: z.object({ id: z.uuid(), username: z.string(), name: z.string() }),
          token: z.object({ id: z.uuid(), name: z.string(), scopes: z.array(scope), effectiveScopes: z.array(scope) }),
        })
        .meta({ id: "Me" }),
    },
  },
  async run({ orgDb, caller }) {
    const org = await orgDb.org.findUniqueOrThrow({ where: { id: caller.orgId }, select: { id: true, name: true, slug: true } });
    const scopes = caller.scopes.filter((s): s is (typeof API_TOKEN_SCOPES)[number] => (API_TOKEN_SCOPES as readonly string[]).includes(s));
    return ok({
      org,
      actingUser: caller.actingUser,
      token: { id: caller.tokenId, name: caller.tokenName, scopes, effectiveScopes: scopes.filter((s) => caller.permissions.has(s)) },
    });
  },
});
