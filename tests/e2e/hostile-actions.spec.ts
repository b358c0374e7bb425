// Hostile input at every server action of the build, replayed as the browser sends it: values no
// form of ours sends (NUL, broken UTF-8, 600 KB and over-1 MB strings, a field given twice,
// -1 / 1e309 / NaN, ids that are no uuid, a random uuid, another org's ids) in each field or
// argument, once without a session and once as a High Assurance administrator (and, for the
// login steps, with a real pending login). Every answer must be a 4xx or a refusal a person can
// read, never a 5xx, and must leave every table as it was (./hostile/answers.ts). The pages and
// route handlers get the same in hostile-pages.spec.ts. HOSTILE_INPUT_TRACE=1 prints each request.
import { expect, test } from "@playwright/test";
import { disconnectMethodSchema, generateTempCodeSchema, loginSchema } from "@/lib/api/schemas";
import { renameMethodSchema } from "@/lib/account/schemas";
import { createUserSchema, userFieldsSchema } from "@/lib/users/user-schemas";
import { securitySettingsSchema } from "@/lib/orgs/security-settings";
import { createApiTokenSchema } from "@/lib/api-tokens/api-token-schemas";
import { authenticationResponseSchema, keyNameSchema, registrationResponseSchema } from "@/lib/mfa/webauthn/schemas";
import { multipartBody, postArgsAction, postFormAction, readActionAnswer, type FormFields } from "../helpers/server-action";
import { expectRefused } from "./hostile/answers";
import { AUTHENTICATION, HOSTILE_PREV_STATES, REGISTRATION, argsActions } from "./hostile/args-actions";
import { passwordFailureHits } from "./hostile/database";
import { formActions } from "./hostile/form-actions";
import { appRoutes, matches, pageProbes } from "./hostile/pages";
import { ROUTE_HANDLER_PATHS, unprobedApiMethods } from "./hostile/route-handlers";
import { TEXT_OVER_1_MB, formWith, hostileValuesFor, one } from "./hostile/values";
import { BASE_URL, actionId, setUpHostileWorld, world } from "./hostile/world";

setUpHostileWorld();

test("every form action refuses hostile field values: no 5xx, a message, no row changed", async ({ request }) => {
  // About 900 requests since the webhook actions joined: over 2 minutes on a busy 2-core machine.
  test.setTimeout(240_000);
  const actions = formActions(world());
  // Each one of them is a server action of the build (a renamed action must not drop out).
  for (const a of actions) actionId(a.name);
  for (const action of actions) {
    const id = actionId(action.name);
    for (const who of action.identities) {
      const send = (fields: FormFields) => async () => {
        await request.clearCookies();
        return postFormAction(request, { baseURL: BASE_URL, path: action.path, actionId: id, fields, cookie: who.cookie });
      };
      for (const field of action.fields.filter((f) => f.fuzz !== false)) {
        for (const hostile of hostileValuesFor(field)) {
          const label = `${who.label}: POST ${action.path} ${action.name} ${field.name}=${hostile.label}`;
          const passwordReachesTheCheck = action.name === "loginAction" && field.name === "password" && hostile.label !== "600 KB";
          if (passwordReachesTheCheck) {
            // Any text may be a password: it reaches the check and counts, as a wrong password
            // does, toward the throttle of the IP and of the (unknown) username — nothing else.
            const before = await passwordFailureHits();
            await expectRefused(label, send(formWith(action.fields, field, hostile)), { mayChange: ["rate_limit_counters"] });
            expect.soft((await passwordFailureHits()) - before, `${label}: counted once per IP and once per username`).toBe(2);
          } else {
            await expectRefused(label, send(formWith(action.fields, field, hostile)));
          }
        }
      }
      // Over 1 MB the edge answers before Next.js would (with a 500) — whatever the field.
      const first = action.fields[0]!;
      await expectRefused(
        `${who.label}: POST ${action.path} ${action.name} ${first.name}=over 1 MB`,
        send(formWith(action.fields, first, one("over 1 MB", TEXT_OVER_1_MB))),
      );
    }
  }
});

test("every action called with arguments, and every action without input, refuses hostile values and cookies", async ({ request }) => {
  // Hundreds of requests, on a lane that runs beside the other specs' (scripts/e2e.ts).
  test.setTimeout(240_000);
  for (const action of argsActions(world())) {
    const id = actionId(action.name);
    for (const who of action.identities) {
      const label = (what: string) => `${who.label}: POST ${action.path} ${action.name} ${what}`;
      const opts = action.messageless ? { messageless: true as const } : {};
      if (action.prevStateOnly) {
        for (const [what, prevState] of HOSTILE_PREV_STATES) {
          await expectRefused(label(what), async () => {
            await request.clearCookies();
            return postFormAction(request, { baseURL: BASE_URL, path: action.path, actionId: id, fields: [["x", "a\u0000b"]], prevState, cookie: who.cookie });
          });
        }
        continue;
      }
      for (const c of [...action.cases, { label: "over 1 MB", argsJson: `[${JSON.stringify(TEXT_OVER_1_MB)}]` }]) {
        await expectRefused(
          label(c.label),
          async () => {
            await request.clearCookies();
            return postArgsAction(request, { baseURL: BASE_URL, path: action.path, actionId: id, argsJson: c.argsJson, cookie: who.cookie });
          },
          opts,
        );
      }
    }
  }
});

// A refusal proves something only if it is the hostile value's: what is sent beside it must pass.
test("the well-formed values sent beside a hostile one pass the console's own schemas", () => {
  const formOf = (name: string) =>
    Object.fromEntries(
      formActions(world())
        .find((a) => a.name === name)!
        .fields.map((f) => [f.name, f.kind === "list" ? f.valid : Array.isArray(f.valid) ? f.valid[0] : f.valid]),
    );
  const schemas: [string, { safeParse(v: unknown): { success: boolean; error?: unknown } }][] = [
    ["loginAction", loginSchema],
    ["renameMethodAction", renameMethodSchema],
    ["createUserAction", createUserSchema],
    ["updateUserAction", userFieldsSchema],
    ["disconnectMethodAction", disconnectMethodSchema],
    ["generateTempCodeAction", generateTempCodeSchema],
    ["saveSecuritySettingsAction", securitySettingsSchema],
    ["createApiTokenAction", createApiTokenSchema],
  ];
  for (const [name, schema] of schemas) {
    const parsed = schema.safeParse(formOf(name));
    expect(parsed.success, `${name}: ${JSON.stringify(parsed.error)}`).toBe(true);
  }
  expect(authenticationResponseSchema.safeParse(AUTHENTICATION).success).toBe(true);
  expect(registrationResponseSchema.safeParse(REGISTRATION).success).toBe(true);
  expect(keyNameSchema.safeParse("Hostile key").success).toBe(true);
});

// A new action, page or route handler must not slip past the hostile specs unprobed.
test("every server action, page and route handler of the build is probed", () => {
  const probed = new Set([...formActions(world()).map((a) => a.name), ...argsActions(world()).map((a) => a.name)]);
  const missing = [...world().actions.values()].filter((a) => !probed.has(a.name)).map((a) => `${a.file}#${a.name}`);
  expect(missing, "server actions without hostile probes").toEqual([]);
  const pagePaths = pageProbes(world()).map((p) => p.path);
  expect(
    appRoutes("page.tsx").filter((pattern) => !pagePaths.some((p) => matches(pattern, p))),
    "pages without hostile probes",
  ).toEqual([]);
  expect(
    appRoutes("route.ts").filter((pattern) => !ROUTE_HANDLER_PATHS.some((p) => matches(pattern, p))),
    "route handlers without hostile probes",
  ).toEqual([]);
  expect(unprobedApiMethods(), "API route handlers' methods without hostile probes (hostile-api.spec.ts)").toEqual([]);
});

// The envelope rather than a field: the previous state and the arguments are decoded by Next.js
// (React's reply format) before any action runs. scripts/http-edge.mjs already answers 4xx where
// Next's own answer would be a 500 (a body over 1 MB); these must get a 4xx as well.
test("a malformed action request is refused with a 4xx, not a 500", async ({ request }) => {
  const login = actionId("loginAction");
  const options = actionId("registrationOptionsAction");
  const raw = async (label: string, path: string, headers: Record<string, string>, data: Buffer | string) =>
    expectRefused(label, async () => {
      await request.clearCookies();
      return readActionAnswer(await request.post(path, { headers: { Accept: "text/x-component", Origin: BASE_URL, ...headers }, data, maxRedirects: 0 }));
    });
  const form = (fields: FormFields) => multipartBody(fields);
  const fields: FormFields = [
    ["_1_username", "a"],
    ["_1_password", "b"],
  ];
  for (const [label, body] of [
    ["previous state not JSON", form([...fields, ["0", "[garbage"]])],
    ["no previous state", form(fields)],
    ["previous state a reference to nothing", form([...fields, ["0", '[{},"$K9"]']])],
  ] as const) {
    await raw(`anonymous: POST /login loginAction ${label}`, "/login", { "Next-Action": login, "Content-Type": body.contentType }, body.body);
  }
  for (const [label, json] of [
    ["arguments not JSON", "not json"],
    ["arguments a reference to themselves", '["$@0"]'],
    ["arguments a reference to a missing row", '["$Q5"]'],
  ]) {
    await raw(
      `anonymous: POST /verify/enroll/security-key registrationOptionsAction ${label}`,
      "/verify/enroll/security-key",
      { "Next-Action": options, "Content-Type": "text/plain;charset=UTF-8" },
      json!,
    );
  }
  await raw("anonymous: POST /login unknown action id", "/login", { "Next-Action": "00".repeat(21), "Content-Type": "text/plain;charset=UTF-8" }, "[]");
  await raw("anonymous: POST /login action id with NUL", "/login", { "Next-Action": "a%00b", "Content-Type": "text/plain;charset=UTF-8" }, "[]");
  await raw(
    "anonymous: POST /login from another site",
    "/login",
    { "Next-Action": login, "Content-Type": "text/plain;charset=UTF-8", Origin: "http://evil.test" },
    "[]",
  );
});
