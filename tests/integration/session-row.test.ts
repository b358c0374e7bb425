// The session check's raw read (lib/auth/session-row.ts) gives exactly what Prisma's include
// gives — every field, every type — so the hand-written SQL can't drift from the schema unseen:
// a column added, renamed or retyped fails here.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { sessionFor } from "../helpers/sessions";
import { createTestUser } from "../helpers/users";
import { sessionByTokenHash, sessionWithUserByPrisma } from "@/lib/auth/session-row";

let t: TestDb;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

describe("the session check's read", () => {
  it("equals Prisma's include for an admin's High Assurance session with every nullable set", async () => {
    const admin = await t.db.user.findUniqueOrThrow({ where: { username: "admin@acme.test" } });
    const session = await sessionFor(t.db, admin);
    await t.db.session.update({
      where: { id: session.id },
      data: { revokedAt: new Date(), revokedReason: "logout", highAssuranceUntil: new Date(Date.now() + 60_000) },
    });
    await t.db.user.update({
      where: { id: admin.id },
      data: { lockedUntil: new Date(), lastLoginAt: new Date(), extraPermissions: ["VIEW_VERIFICATION_ACTIVITY"] },
    });
    const { tokenHash } = await t.db.session.findUniqueOrThrow({ where: { id: session.id } });
    const prisma = await sessionWithUserByPrisma(t.db, tokenHash);
    expect(prisma?.user.org.settings).not.toBeNull();
    expect(await sessionByTokenHash(t.db, tokenHash)).toEqual(prisma);
  });

  it("equals it for a fresh Standard User's session of another org, nulls and empty arrays included", async () => {
    const user = await createTestUser(t.db, { prefix: "row", org: "globex" });
    const session = await sessionFor(t.db, user);
    const { tokenHash } = await t.db.session.findUniqueOrThrow({ where: { id: session.id } });
    const raw = await sessionByTokenHash(t.db, tokenHash);
    expect(raw).toEqual(await sessionWithUserByPrisma(t.db, tokenHash));
    expect(raw?.user.lastLoginAt).toBeNull();
    expect(raw?.createdAt).toBeInstanceOf(Date);
  });

  it("finds nothing for an unknown token hash", async () => {
    expect(await sessionByTokenHash(t.db, "0".repeat(64))).toBeNull();
  });
});
