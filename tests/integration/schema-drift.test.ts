// Fails when prisma/schema.prisma and prisma/migrations disagree: the migrations are applied to a
// fresh database and every table, column, enum, index, primary key and foreign key the schema
// declares is compared with what the database has (tests/helpers/schema-drift.ts). Fix drift by
// adding a migration (docs/decisions/001), never by editing an applied one.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/pglite";
import { applyMigrations, pgliteRunner, pgRunner, type SqlRunner } from "@/lib/db/migrate";
import { createTestDatabase, usePglite } from "../helpers/pg";
import { compareSchema, loadDatamodel, type Datamodel } from "../helpers/schema-drift";

const schemaText = readFileSync("prisma/schema.prisma", "utf8");

describe("schema.prisma vs. migrations", () => {
  let runner: SqlRunner;
  let datamodel: Datamodel;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    datamodel = loadDatamodel(schemaText);
    if (usePglite) {
      const lite = await openPglite();
      runner = pgliteRunner(lite);
      cleanup = () => lite.close();
    } else {
      const { url, drop } = await createTestDatabase();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      runner = pgRunner(client);
      cleanup = async () => {
        await client.end();
        await drop();
      };
    }
    await applyMigrations({ runner });
  });
  afterAll(() => cleanup?.());

  it("reads the whole schema (sanity check of the DMMF loader)", () => {
    expect(datamodel.models.length).toBe(schemaText.match(/^model \w+ \{/gm)?.length);
    expect(datamodel.enums.map((e) => e.name)).toContain("ActivityKind");
    expect(datamodel.indexes.some((i) => i.type === "normal" && i.fields.some((f) => f.sortOrder === "desc"))).toBe(true);
  });

  it("the migrated database matches the schema exactly", async () => {
    expect(await compareSchema(datamodel, runner)).toEqual([]);
  });

  // Proof that the comparison can fail: each sabotage runs in a transaction that is rolled back
  // (Postgres DDL is transactional), and must be reported.
  const sabotages: [string, string, RegExp][] = [
    ["dropped index", 'DROP INDEX "users_profile_id_idx"', /missing index: users: INDEX users_profile_id_idx \(profile_id\)/],
    [
      "index column order",
      'DROP INDEX "users_org_id_name_id_idx"; CREATE INDEX "users_org_id_name_id_idx" ON "users" ("org_id", "id", "name")',
      /missing index: users: INDEX users_org_id_name_id_idx \(org_id, name, id\)/,
    ],
    [
      "index sort order",
      'DROP INDEX "sessions_user_id_created_at_idx"; CREATE INDEX "sessions_user_id_created_at_idx" ON "sessions" ("user_id", "created_at")',
      /missing index: sessions: INDEX sessions_user_id_created_at_idx \(user_id, created_at DESC\)/,
    ],
    ["dropped unique", 'DROP INDEX "orgs_slug_key"', /missing index: orgs: UNIQUE orgs_slug_key \(slug\)/],
    ["extra column", 'ALTER TABLE "orgs" ADD COLUMN "extra" TEXT', /unexpected column: orgs\.extra text/],
    ["dropped column", 'ALTER TABLE "sessions" DROP COLUMN "user_agent"', /missing column: sessions\.user_agent text/],
    ["nullability", 'ALTER TABLE "sessions" ALTER COLUMN "ip" SET NOT NULL', /column sessions\.ip: schema says text, database has text NOT NULL/],
    ["type", 'ALTER TABLE "users" ALTER COLUMN "failed_attempts" TYPE BIGINT', /column users\.failed_attempts: schema says integer NOT NULL DEFAULT/],
    [
      "list-ness",
      'ALTER TABLE "webauthn_credentials" ALTER COLUMN "transports" TYPE TEXT USING NULL',
      /column webauthn_credentials\.transports: schema says text\[\]/,
    ],
    [
      "missing default",
      'ALTER TABLE "orgs" ALTER COLUMN "created_at" DROP DEFAULT',
      /column orgs\.created_at: schema says timestamp\(3\) with time zone NOT NULL DEFAULT/,
    ],
    ["enum value", `ALTER TYPE "EventStatus" ADD VALUE 'CANCELLED'`, /unexpected enum: EventStatus \(SUCCEEDED, FAILED, PENDING, CANCELLED\)/],
    ["extra table", 'CREATE TABLE "stray" (id INT)', /unexpected table: stray/],
    ["primary key", 'ALTER TABLE "orgs" DROP CONSTRAINT "orgs_pkey" CASCADE', /missing index: orgs: PRIMARY KEY orgs_pkey \(id\)/],
    [
      "foreign key action",
      'ALTER TABLE "sessions" DROP CONSTRAINT "sessions_org_id_user_id_fkey", ADD CONSTRAINT "sessions_org_id_user_id_fkey" FOREIGN KEY ("org_id", "user_id") REFERENCES "users"("org_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE',
      /missing foreign key: sessions: FOREIGN KEY sessions_org_id_user_id_fkey \(org_id, user_id\) REFERENCES users \(org_id, id\) ON DELETE Cascade ON UPDATE Cascade/,
    ],
    [
      "dropped foreign key",
      'ALTER TABLE "temp_codes" DROP CONSTRAINT "temp_codes_org_id_created_by_id_fkey"',
      /missing foreign key: temp_codes: FOREIGN KEY temp_codes_org_id_created_by_id_fkey .* ON DELETE Restrict/,
    ],
  ];
  it.each(sabotages)("reports drift: %s", async (_label, sabotage, expected) => {
    await runner.exec("BEGIN");
    try {
      await runner.exec(sabotage);
      const drift = await compareSchema(datamodel, runner);
      expect(
        drift.some((d) => expected.test(d)),
        `expected ${expected} in:\n${drift.join("\n")}`,
      ).toBe(true);
    } finally {
      await runner.exec("ROLLBACK");
    }
  });

  it("reports drift when the schema declares something the migrations lack", async () => {
    const edited = schemaText
      .replace(/(model Org \{\n)/, '$1  nickname String? @map("nick_name")\n')
      .replace(/(enum EventStatus \{\n)/, "$1  SKIPPED\n")
      .replace(/(  @@map\("webhook_endpoints"\))/, "  @@index([url])\n$1");
    expect(edited).not.toBe(schemaText);
    const drift = await compareSchema(loadDatamodel(edited), runner);
    expect(drift).toEqual(
      expect.arrayContaining([
        "missing column: orgs.nick_name text",
        "missing enum: EventStatus (SKIPPED, SUCCEEDED, FAILED, PENDING)",
        "missing index: webhook_endpoints: INDEX webhook_endpoints_url_idx (url) btree",
      ]),
    );
  });
});
