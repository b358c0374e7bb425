// The REST API under /api/v1 (lib/api/v1/operations.ts, each through lib/http/handle-api-call.ts)
// and what hostile-api.spec.ts sends each operation over HTTP: tokens no Setup made, then — with
// a valid token — path ids, JSON bodies, Content-Types and query strings no client of ours sends.
// Whatever is sent beside the hostile part is well-formed and points at no row (a random id), so
// a hostile part let through shows as a 404 (or a 200) where its own 400 or 415 was expected.
import { randomUUID } from "node:crypto";
import { API_OPERATIONS } from "@/lib/api/v1/operations";
import type { ApiOperation } from "@/lib/http/api-operation";
import { API_BASE_PATH } from "@/lib/http/handle-api-call";
import { DEMO_API_TOKEN } from "@/lib/seed/demo";
import { randomToken } from "@/lib/security/tokens";
import { JSON_VALUES, TEXT_600_KB, TEXT_OVER_1_MB } from "./values";
import type { World } from "./world";

export interface ApiProbe {
  label: string;
  /** The operation called: its own token is sent. */
  operationId?: string;
  method: string;
  /** Percent-encoded as sent. */
  path: string;
  /** The Authorization header: the operation's valid token when absent, none when null. */
  auth?: string | null;
  headers?: Record<string, string>;
  data?: string | Buffer;
  /** The status the hostile part must get; any 4xx when absent. */
  status?: number;
  /** Refused by scripts/http-edge.mjs before Next.js, in plain text: a path that is no UTF-8, a body over 1 MB. */
  edge?: true;
}

const REASON = "Hostile e2e probe, identity confirmed";
/** An event id of the right form and of no event. */
const NO_EVENT = "999999999999999999";
const paramNames = (op: ApiOperation) => Object.keys(op.params?.shape ?? {});
const nowhere = (op: ApiOperation) => (op.path.startsWith("/events") ? NO_EVENT : randomUUID());
const validQuery = (op: ApiOperation): Record<string, string> => (op.query?.shape.reason ? { reason: encodeURIComponent(REASON) } : {});
const validBody = (op: ApiOperation) =>
  op.body ? { ...(op.bodyExample as object), ...(op.body.shape.userIds ? { userIds: [randomUUID()] } : {}) } : undefined;

/** A well-formed call of `op` to nothing, with the given parts replaced. */
function call(
  op: ApiOperation,
  label: string,
  o: { params?: Record<string, string>; query?: string; data?: string | Buffer; contentType?: string } & Partial<ApiProbe> = {},
): ApiProbe {
  const params: Record<string, string> = Object.fromEntries(paramNames(op).map((n) => [n, o.params?.[n] ?? nowhere(op)]));
  const query =
    o.query ??
    Object.entries(validQuery(op))
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
  const body = validBody(op);
  const data = o.data ?? (body ? JSON.stringify(body) : undefined);
  const headers = { ...(data !== undefined ? { "Content-Type": o.contentType ?? "application/json" } : {}), ...o.headers };
  const { params: _p, query: _q, contentType: _c, ...rest } = o;
  return {
    operationId: op.operationId,
    method: op.method,
    path: `${API_BASE_PATH}${op.path.replace(/\{(\w+)\}/g, (_, n: string) => params[n]!)}${query ? `?${query}` : ""}`,
    ...rest,
    label: `${op.method} ${op.path} ${label}`,
    data,
    headers,
  };
}

/** Tokens no Setup made, and valid ones sent where the API takes none: each a 401. All of them at two operations, the first four at every one. */
export function tokenProbes(world: World, tokenOf: (op: ApiOperation) => string): ApiProbe[] {
  const cases = (t: string): [string, Partial<ApiProbe>][] => [
    ["no Authorization", { auth: null }],
    ["Basic with the admin's password", { auth: `Basic ${Buffer.from("admin@acme.test:demo-password-1").toString("base64")}` }],
    ["a token not of our form", { auth: "Bearer abc" }],
    ["an unknown token", { auth: `Bearer mfac_${randomToken(32)}` }],
    ["Bearer and nothing", { auth: "Bearer" }],
    ["an 8 KB token", { auth: `Bearer mfac_${"x".repeat(8000)}` }],
    ["the embedded default's demo token", { auth: `Bearer ${DEMO_API_TOKEN}` }],
    ["a revoked token", { auth: `Bearer ${world.revokedApiToken.token}` }],
    ["a valid token twice", { auth: `Bearer ${t}, Bearer ${t}` }],
    ["a valid token and %00", { auth: `Bearer ${t}%00` }],
    ["a valid token one character short", { auth: `Bearer ${t.slice(0, -1)}` }],
    ["a Latin-1 token", { auth: `Bearer mfac_${"é".repeat(43)}` }],
    ["the admin's session cookie instead", { auth: null, headers: { Cookie: world.admin.cookie! } }],
  ];
  return API_OPERATIONS.flatMap((op) => {
    const all = ["getMe", "resetUserMfa"].includes(op.operationId);
    const probes = cases(tokenOf(op))
      .slice(0, all ? undefined : 4)
      .map(([label, p]) => call(op, `token: ${label}`, { ...p, status: 401 }));
    if (all)
      probes.push(
        call(op, "token: only in the query", {
          auth: null,
          query: [...Object.entries(validQuery(op)).map(([k, v]) => `${k}=${v}`), `access_token=${tokenOf(op)}`].join("&"),
          status: 401,
        }),
      );
    return probes;
  });
}

/** Each path parameter in turn: NUL, broken UTF-8 (the edge's 400), no id of its kind, no row, another org's row, the token's own user. */
export function pathProbes(world: World): ApiProbe[] {
  const { ids } = world;
  const common: [string, string, true?][] = [
    ["NUL", "%00"],
    ["NUL inside", "a%00b"],
    ["lone surrogate (ED A0 80)", "%ED%A0%80", true],
    ["overlong UTF-8 (C0 AE)", "%C0%AE", true],
    ["not an id", "not-an-id"],
    ["-1", "-1"],
    ["1e309", "1e309"],
    ["20 digits", "99999999999999999999"],
    ["3000 characters", "x".repeat(3000)],
    ["encoded ../", "..%2F..%2Fme"],
    ["a space", "%20"],
  ];
  return API_OPERATIONS.flatMap((op) =>
    paramNames(op).flatMap((name) => {
      const wrong: [string, string][] = op.path.startsWith("/events")
        ? [["no such event", NO_EVENT], ["0", "0"], ...(ids.globexEvent ? [["Globex event", ids.globexEvent] as [string, string]] : [])]
        : name === "methodId"
          ? [
              ["random uuid", randomUUID()],
              ["Alice's factor (of another user)", ids.aliceTotp],
              ["Globex factor", ids.globexTotp],
            ]
          : [
              ["random uuid", randomUUID()],
              ["Globex user's id", ids.globexAdmin],
              ...(op.method === "GET" ? [] : [["the token's own user", ids.apiUser] as [string, string]]),
            ];
      return [...common, ...wrong].map(([label, value, edge]) =>
        call(op, `${name}=${label}`, { params: { [name]: value }, ...(edge ? { edge, status: 400 } : {}) }),
      );
    }),
  );
}

// The JSON values a field of a body gets: the arguments' hostile values, and more. `valid` lists those well-formed there.
const FIELD_VALUES: [string, string | Buffer][] = [
  ...JSON_VALUES,
  ["null", "null"],
  ["true", "true"],
  ["empty string", '""'],
  ["number as text", '"1"'],
  ["lone surrogate (bytes ED A0 80)", Buffer.from([0x22, 0x61, 0xed, 0xa0, 0x80, 0x62, 0x22])],
];
const FIELD_EXTRAS: Record<string, { valid?: string[]; extra?: [string, string][] }> = {
  reason: {
    valid: ["number as text"],
    extra: [
      ["501 characters", JSON.stringify("x".repeat(501))],
      ["blank", '"   "'],
      ["a bell", '"a\\u0007b"'],
    ],
  },
  expiresInHours: {
    extra: [
      ["0", "0"],
      ["25", "25"],
      ["1.5", "1.5"],
      ["2^53+1", "9007199254740993"],
    ],
  },
  maxUses: {
    valid: ["null"],
    extra: [
      ["0", "0"],
      ["101", "101"],
      ["1.5", "1.5"],
    ],
  },
  // B8: an endpoint's description may be any short text, even empty; `active` takes true. The
  // example's address resolves nowhere, so a body let through is still refused (never added).
  description: { valid: ["number as text", "empty string"], extra: [["201 characters", JSON.stringify("x".repeat(201))]] },
  active: { valid: ["true"] },
  url: {
    extra: [
      ["a private address", '"https://10.0.0.1/x"'],
      ["metadata", '"https://169.254.169.254/latest"'],
      ["http", '"http://siem.example.com/"'],
    ],
  },
  activities: {
    extra: [
      ["no kind of ours", '["NOPE"]'],
      ["a NUL kind", '["a\u0000b"]'],
    ],
  },
  userIds: {
    extra: [
      ["none", "[]"],
      ["101 ids", JSON.stringify(Array.from({ length: 101 }, () => randomUUID()))],
      ["an id and a NUL", JSON.stringify([randomUUID(), "a\u0000b"])],
      ["an object", "[{}]"],
    ],
  },
};

/** The valid body's JSON with field `key` replaced by raw JSON `hostile` (bytes stay bytes). */
function bodyWith(op: ApiOperation, key: string, hostile: string | Buffer): Buffer {
  const MARK = "\u0001HOSTILE\u0001";
  const [head, tail] = JSON.stringify({ ...validBody(op), [key]: MARK }).split(JSON.stringify(MARK));
  return Buffer.concat([Buffer.from(head!), Buffer.from(hostile), Buffer.from(tail!)]);
}

/** Bodies that are no JSON or no object of the operation, each field hostile in turn, and bodies of another Content-Type: 400, 413 or 415. */
export function bodyProbes(): ApiProbe[] {
  return API_OPERATIONS.filter((op) => op.body).flatMap((op) => {
    const valid = JSON.stringify(validBody(op));
    const whole: [string, string][] = [
      ["empty", ""],
      ["not JSON", "not json"],
      ["cut short", valid.slice(0, -3)],
      ["null", "null"],
      ["an array", "[]"],
      ["a string", '"x"'],
      ["1e309", "1e309"],
      ["nested 5000 deep", `${"[".repeat(5000)}${"]".repeat(5000)}`],
      ["the valid body in an array", `[${valid}]`],
      ["an unknown field", JSON.stringify({ ...validBody(op), zz: 1 })],
      ["a __proto__ field", `${valid.slice(0, -1)},"__proto__":{"isAdmin":true}}`],
      [
        "a field given twice, both hostile",
        `${valid.slice(0, -1)},"${Object.keys(op.body!.shape)[0]}":"a\\u0000b","${Object.keys(op.body!.shape)[0]}":"c\\u0000d"}`,
      ],
      ["an unknown field of 600 KB", JSON.stringify({ ...validBody(op), zz: TEXT_600_KB })],
    ];
    const fields = [...Object.keys(op.body!.shape), ...(op.body!.shape.userIds ? ["userIds.0"] : [])];
    return [
      ...whole.map(([label, data]) => call(op, `body ${label}`, { data, status: 400 })),
      call(op, "body over 1 MB", { data: JSON.stringify({ ...validBody(op), zz: TEXT_OVER_1_MB }), status: 413, edge: true }),
      ...fields.flatMap((field) => {
        const { valid: ok = [], extra = [] } = FIELD_EXTRAS[field.split(".")[0]!] ?? {};
        return [...FIELD_VALUES.filter(([label]) => !ok.includes(label)), ...extra].map(([label, json]) =>
          call(op, `body ${field}=${label}`, {
            data:
              field === "userIds.0"
                ? bodyWith(op, "userIds", Buffer.concat([Buffer.from("["), Buffer.from(json), Buffer.from("]")]))
                : bodyWith(op, field, json),
            status: 400,
          }),
        );
      }),
      ...[
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
        "text/json",
        "application/jsonx",
        "application/xml",
      ].map((contentType) => call(op, `Content-Type: ${contentType}`, { contentType, status: 415 })),
    ];
  });
}

const QUERY_EXTRAS: Record<string, string[]> = {
  q: ["x".repeat(101)],
  status: ["ACTIVE"],
  profile: ["not-a-uuid"],
  mfa: ["nope"],
  cursor: ["garbage!!", "x".repeat(513)],
  limit: ["-1", "0", "201", "1e309", "NaN", "1.5", "abc"],
  user: ["not-a-uuid"],
  activity: ["NOPE"],
  method: ["nope"],
  from: ["9999-12-31", "0000-01-01", "2026-02-30", "1999-12-31", "2026-1-1"],
  to: ["9999-12-31", "0000-01-01"],
  tz: ["Mars/Olympus_Mons", "x".repeat(300)],
  reason: ["", "x".repeat(501)],
};

/** Parameters no operation reads, repeated ones, and each parameter hostile in turn: a 400. */
export function queryProbes(): ApiProbe[] {
  return API_OPERATIONS.flatMap((op) => {
    const valid = validQuery(op);
    const qs = (replace: string, raw: string) =>
      [
        ...Object.entries(valid)
          .filter(([k]) => k !== replace)
          .map(([k, v]) => `${k}=${v}`),
        raw,
      ].join("&");
    const generic = ["zz=1", "zz=1&zz=2", "x[]=1&x[]=2", "%00=1"].map((raw) => call(op, `?${raw}`, { query: qs("", raw), status: 400 }));
    const fields = Object.keys(op.query?.shape ?? {}).flatMap((name) =>
      ["%00", "%ED%A0%80", `a&${name}=b`, ...(QUERY_EXTRAS[name] ?? []).map(encodeURIComponent)].map((v) =>
        call(op, `?${name}=${v.slice(0, 40)}`, { query: qs(name, `${name}=${v}`), status: 400 }),
      ),
    );
    return [...generic, ...fields];
  });
}
