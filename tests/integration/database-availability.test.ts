// Issue 11, faults: the pool tells a Postgres it can't reach from any other failure, marks the
// database down once (one log line), and up again on the next connection it makes — not on a
// pooled one handed out again, which may not have heard of the outage yet.
import "../helpers/env";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { databaseUnavailable, isConnectionError, markDatabaseAvailable, markDatabaseUnavailable } from "@/lib/db/availability";
import { createTestDatabase, usePglite } from "../helpers/pg";

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of opened) await o.close().catch(() => undefined);
});

describe("database availability", () => {
  it("tells connection failures from query errors", () => {
    expect(isConnectionError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isConnectionError({ code: "57P01", message: "terminating connection due to administrator command" })).toBe(true);
    expect(isConnectionError({ code: "08006" })).toBe(true);
    expect(isConnectionError(new Error("wrapped", { cause: { code: "ECONNRESET" } }))).toBe(true);
    expect(isConnectionError({ code: "23505", message: "duplicate key value violates unique constraint" })).toBe(false);
    expect(isConnectionError(new Error("Unique constraint failed on the fields: (`username`)"))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
    // What a restart's in-flight requests see through Prisma and pg.
    expect(isConnectionError(Object.assign(new Error("Server has closed the connection."), { code: "P1017" }))).toBe(true);
    expect(isConnectionError(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
  });

  it.skipIf(usePglite)("is marked down by a Postgres that doesn't answer, logged once, and up by one that does", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const dead = await openDatabase({ url: "postgresql://postgres@127.0.0.1:1/nowhere" });
      opened.push(dead);
      for (let i = 0; i < 3; i++) await expect(dead.db.$queryRaw`SELECT 1`).rejects.toThrow();
      expect(databaseUnavailable()).toBe(true);
      expect(errors.mock.calls.filter((c) => String(c[0]).startsWith("[db] Postgres can't be reached"))).toHaveLength(1);

      const live = await createTestDatabase();
      const alive = await openDatabase({ url: live.url });
      opened.push({ close: async () => (await alive.close(), await live.drop()) });
      await alive.db.$queryRaw`SELECT 1`;
      expect(databaseUnavailable()).toBe(false);
      expect(errors.mock.calls.some((c) => String(c[0]).startsWith("[db] Postgres reachable again"))).toBe(true);
    } finally {
      markDatabaseAvailable();
      errors.mockRestore();
    }
  });

  it.skipIf(usePglite)("stays down through a pooled connection handed out again, and is up on a new one", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const live = await createTestDatabase();
    const opened1 = await openDatabase({ url: live.url });
    opened.push({ close: async () => (await opened1.close(), await live.drop()) });
    try {
      await opened1.db.$queryRaw`SELECT 1`; // the pool's first connection
      markDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
      await opened1.db.$queryRaw`SELECT 1`; // the same idle connection again: no news of Postgres
      expect(databaseUnavailable()).toBe(true);
      // Two at once need a second connection: made, so Postgres answers.
      await Promise.all([opened1.db.$queryRaw`SELECT pg_sleep(0.1)::text`, opened1.db.$queryRaw`SELECT pg_sleep(0.1)::text`]);
      expect(databaseUnavailable()).toBe(false);
    } finally {
      markDatabaseAvailable();
      errors.mockRestore();
    }
  });
});
