// SPEC A1 search: 3+ characters match anywhere in the name or username; 1–2 characters match at
// the start of the name, of a word in it, or of the username (so an index can serve them).
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { listUsers } from "@/lib/users/list-users";

let t: TestDb;
let orgId: string;

beforeAll(async () => {
  t = await createMigratedDb();
  const demo = await seed(t.db);
  orgId = demo.orgs.acme!.id;
});
afterAll(() => t?.close());

const names = async (q: string) => (await listUsers(forOrg(t.db, orgId), { filters: { q } })).rows.map((r) => r.name);

describe("users search", () => {
  it("matches 3+ characters anywhere, case-insensitively", async () => {
    expect(await names("NDER")).toEqual(["Alice Anders"]);
    expect(await names("ice@acme")).toEqual(["Alice Anders"]);
  });

  it("matches 1–2 characters at the start of the name, a word of it, or the username", async () => {
    expect(await names("an")).toEqual(["Alice Anders"]); // "Anders", not "Sam Support" or "Ada Admin"
    expect(await names("bo")).toEqual(["Bob Brown"]);
    expect(await names("su")).toEqual(["Sam Support"]); // the surname, and support@
    expect(await names("ap")).toEqual(["Acme Integration"]); // api@ only through the username
    expect(await names("ce")).toEqual([]); // inside "Alice" only: not a word start
  });

  it("never matches another org's users", async () => {
    expect(await names("gus")).toEqual([]);
    expect(await names("gl")).toEqual([]);
  });
});
