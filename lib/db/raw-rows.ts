// Hot raw statements straight to pg, not through Prisma's request pipeline: for a statement that
// is already written out in SQL, the client's request, tracing and result interpretation cost
// 0.2–0.4 ms of CPU a call (the API's three statements: a fifth of a list call; decision 020).
// Only outside a transaction, on the process's Postgres pool: a transaction client, the embedded
// PGlite, or any other client goes through its own $queryRaw as before. pg's own parsers give the
// same values Prisma gives these statements: Date for timestamps, numbers for int4, parsed jsonb,
// arrays for text[].
import type pg from "pg";
import type { Prisma } from "@db/generated";
import { statementName } from "./prepared-statements";

/** Any client: the process's, an org's scoped one, a transaction's. */
export interface RawClient {
  $queryRaw<T = unknown>(query: Prisma.Sql): PromiseLike<T>;
}

const pools = new WeakMap<object, pg.Pool>();

/** Called by lib/db/client.ts for its client, and by lib/db/tenant.ts for each org's scoped client of it. */
export function registerPool(client: object, pool: pg.Pool): void {
  pools.set(client, pool);
}

export function poolOf(client: object): pg.Pool | undefined {
  return pools.get(client);
}

/** The rows of a statement built with Prisma.sql (its text has $1… placeholders, its values bound). */
export async function rawRows<T>(client: RawClient, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(client);
  if (!pool) return (await client.$queryRaw<T[]>(query)) as T[];
  const result = await pool.query({ name: statementName({ sql: query.text }), text: query.text, values: query.values as unknown[] });
  return result.rows as T[];
}

/** The same for a statement kept as text with $1… placeholders (e.g. one a bench also EXPLAINs). */
export async function rawRowsOfText<T>(
  client: RawClient & { $queryRawUnsafe<R = unknown>(query: string, ...values: unknown[]): PromiseLike<R> },
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = pools.get(client);
  if (!pool) return (await client.$queryRawUnsafe<T[]>(text, ...values)) as T[];
  return (await pool.query({ name: statementName({ sql: text }), text, values })).rows as T[];
}

/** A statement run for its effect (an insert): the count of rows it touched. */
export async function rawExecute(client: { $executeRaw(query: Prisma.Sql): PromiseLike<number> }, query: Prisma.Sql): Promise<number> {
  const pool = pools.get(client);
  if (!pool) return client.$executeRaw(query);
  return (await pool.query({ name: statementName({ sql: query.text }), text: query.text, values: query.values as unknown[] })).rowCount ?? 0;
}
