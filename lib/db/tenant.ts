// Tenant scoping in one place (SPEC T1). forOrg(db, orgId) returns a client whose every model
// query is confined to one org: reads and writes get `orgId` merged into their `where`, creates
// get it forced into their data. Callers obtain it from the session (lib/next/current-session),
// never from request input, so no caller can forget or forge the org.
//
// Limits, by design: raw SQL ($queryRaw/$executeRaw) is not rewritten — lib code that needs it
// must filter on org_id itself; nested relation writes are not rewritten, so scoped code creates
// rows with scalar foreign keys (userId), which are only ever taken from rows read through
// this same scoped client.
import type { Db } from "./client";

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);
const CREATE_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn"]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object };

// One scoped client per org and base client, made once: $extends builds a new client object,
// which every request would otherwise pay for. It holds nothing but the org id.
const scopedClients = new WeakMap<Db, Map<string, ReturnType<typeof scope>>>();
const SCOPED_CLIENTS_MAX = 1_000;
const orgOfClient = new WeakMap<object, string>();

export function forOrg(db: Db, orgId: string) {
  if (!orgId) throw new Error("forOrg needs an org id");
  let byOrg = scopedClients.get(db);
  if (!byOrg) scopedClients.set(db, (byOrg = new Map()));
  let client = byOrg.get(orgId);
  if (!client) {
    if (byOrg.size >= SCOPED_CLIENTS_MAX) byOrg.delete(byOrg.keys().next().value!);
    byOrg.set(orgId, (client = scope(db, orgId)));
    orgOfClient.set(client, orgId);
  }
  return client;
}

/** The org a scoped client is bound to: for raw SQL, which the scope cannot rewrite and must name the org itself. */
export function orgIdOf(orgDb: OrgDb): string {
  const orgId = orgOfClient.get(orgDb);
  if (!orgId) throw new Error("orgIdOf needs a client made by forOrg");
  return orgId;
}

function scope(db: Db, orgId: string) {
  return db.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const scoped = scopeArgs(model, operation, (args ?? {}) as Args, orgId);
          return query(scoped as typeof args);
        },
      },
    },
  });
}

export type OrgDb = ReturnType<typeof scope>;

/** Exported for the tenant-isolation unit test. */
export function scopeArgs(model: string, operation: string, args: Args, orgId: string): Args {
  // The Org table is keyed by its own id; a scoped client may read or update only its org.
  const key = model === "Org" ? "id" : "orgId";
  if (model === "Org" && (CREATE_OPERATIONS.has(operation) || operation.startsWith("delete"))) {
    throw new Error(`A tenant-scoped client cannot ${operation} orgs`);
  }
  const next: Args = { ...args };
  if (WHERE_OPERATIONS.has(operation)) {
    // ANDed, not overwritten: a caller's own org condition still has to hold (so an id from
    // another org finds nothing rather than being silently re-pointed at this org).
    const where = (args.where ?? {}) as { AND?: object | object[] };
    const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
    next.where = { ...where, AND: [...and, { [key]: orgId }] };
  }
  if (operation === "upsert") {
    next.create = { ...(args.create ?? {}), [key]: orgId };
  }
  if (CREATE_OPERATIONS.has(operation)) {
    next.data = Array.isArray(args.data) ? args.data.map((row: object) => ({ ...row, [key]: orgId })) : { ...(args.data as object), [key]: orgId };
  }
  if (operation.startsWith("update") && args.data && !Array.isArray(args.data)) {
    // Moving a row to another org is never legitimate.
    const data = { ...(args.data as Record<string, unknown>) };
    delete data[key];
    delete data.org;
    next.data = data;
  }
  return next;
}

/** The transaction client of a tenant-scoped client: still scoped. */
export type OrgTx = Parameters<Parameters<OrgDb["$transaction"]>[0]>[0];

/** A transaction of the plain client or of a tenant-scoped one, for helpers both may call. */
export type AnyTx = import("@db/generated").Prisma.TransactionClient | OrgTx;
