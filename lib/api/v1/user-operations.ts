// REST: reading users (SPEC P2, A1, A2). The same lib queries as Setup > Users, through the
// token's org-scoped client, so another org's id is a plain 404 like a random one.
import { z } from "zod";
import { defineOperation, ok } from "@/lib/http/api-operation";
import { fail } from "@/lib/errors";
import { listUsers } from "@/lib/users/list-users";
import { getUserRecord } from "@/lib/users/get-user-record";
import { userIdParam } from "./common";
import { listUsersQuery, methodSchema, methodsOf, userDetail, userDetailSchema, userSummary, userSummarySchema } from "./user-schemas";

export const listUsersOperation = defineOperation({
  operationId: "listUsers",
  method: "GET",
  path: "/users",
  tag: "user",
  summary: "List users",
  description: "Users of the token's org, ordered by name; filter like Setup > Users. Follow `nextCursor` for the next page.",
  action: "console.view",
  query: listUsersQuery,
  responses: { 200: { description: "A page of users.", schema: z.object({ data: z.array(userSummarySchema), nextCursor: z.string().nullable() }) } },
  async run({ orgDb, query, nowMs }) {
    const { cursor, limit, ...filters } = query;
    const page = await listUsers(orgDb, { after: cursor, pageSize: limit, filters, nowMs, withTotal: false });
    return ok({ data: page.rows.map(userSummary), nextCursor: page.next });
  },
});

export const getUserOperation = defineOperation({
  operationId: "getUser",
  method: "GET",
  path: "/users/{id}",
  tag: "user",
  summary: "Get a user",
  description: "Profile, status, lock, verification methods, temporary code state and recovery codes left (A2).",
  action: "console.view",
  params: userIdParam,
  responses: { 200: { description: "The user.", schema: userDetailSchema } },
  failures: ["NOT_FOUND"],
  async run({ orgDb, caller, params, nowMs }) {
    const detail = await getUserRecord(orgDb, { orgId: caller.orgId, userId: params.id, nowMs });
    return detail ? ok(userDetail(detail)) : fail("NOT_FOUND");
  },
});

export const listMethodsOperation = defineOperation({
  operationId: "listMethods",
  method: "GET",
  path: "/users/{id}/methods",
  tag: "user",
  summary: "List a user's verification methods",
  action: "console.view",
  params: userIdParam,
  responses: { 200: { description: "Each authenticator app and security key.", schema: z.object({ data: z.array(methodSchema) }) } },
  failures: ["NOT_FOUND"],
  async run({ orgDb, caller, params, nowMs }) {
    const detail = await getUserRecord(orgDb, { orgId: caller.orgId, userId: params.id, nowMs });
    return detail ? ok({ data: methodsOf(detail) }) : fail("NOT_FOUND");
  },
});
