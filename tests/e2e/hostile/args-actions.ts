// The actions called with plain arguments (the WebAuthn ceremonies) and the form actions without
// fields, whose previous state is their only input: where in their arguments a hostile JSON value
// goes, and who sends it.
import { JSON_VALUES, TEXT_600_KB, jsonWith } from "./values";
import type { Identity, World } from "./world";

// Well-formed base64url everywhere, so the schema's refusal is the hostile node's.
export const AUTHENTICATION = {
  id: "AAAA",
  rawId: "AAAA",
  type: "public-key",
  clientExtensionResults: {},
  response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA", userHandle: "AAAA" },
};
export const REGISTRATION = {
  id: "AAAA",
  rawId: "AAAA",
  type: "public-key",
  clientExtensionResults: {},
  response: { clientDataJSON: "e30", attestationObject: "AAAA", transports: ["usb"] },
};

/** Where in the arguments a hostile value goes; `valid` names the JSON_VALUES that are well-formed there (not sent). */
interface JsonPath {
  path: (string | number)[];
  valid?: string[];
}
const at = (...path: (string | number)[]): JsonPath => ({ path });
// An unknown key is dropped by the schema, so an object is well-formed where one is expected; and
// transports is a list of short lowercase words, so ["a","b"] is one.
const AUTHENTICATION_PATHS: JsonPath[] = [
  at(0),
  at(0, "id"),
  at(0, "rawId"),
  at(0, "type"),
  { path: [0, "clientExtensionResults"], valid: ["object for a scalar"] },
  at(0, "response"),
  at(0, "response", "clientDataJSON"),
  at(0, "response", "signature"),
  at(0, "response", "userHandle"),
];
const REGISTRATION_PATHS: JsonPath[] = [
  at(0),
  at(0, "name"),
  at(0, "response"),
  at(0, "response", "id"),
  at(0, "response", "response", "attestationObject"),
  { path: [0, "response", "response", "transports"], valid: ["array for a scalar"] },
  at(0, "response", "response", "transports", 0),
];

interface ArgsCase {
  label: string;
  argsJson: string;
}

function casesAt(args: unknown[], paths: JsonPath[]): ArgsCase[] {
  return paths.flatMap(({ path, valid = [] }) =>
    JSON_VALUES.filter(([label]) => !valid.includes(label)).map(([label, json]) => ({
      label: `${path.slice(1).join(".") || "argument"}=${label}`,
      argsJson: jsonWith(args, path, json),
    })),
  );
}

interface ArgsAction {
  name: string;
  path: string;
  identities: Identity[];
  cases: ArgsCase[];
  /** Actions that answer nothing by design (logout): checked for no 5xx and no row changed only. */
  messageless?: true;
  /** A form action without fields: its previous state is its only input (then `cases` is empty). */
  prevStateOnly?: true;
}

export function argsActions(world: World): ArgsAction[] {
  const { anonymous, admin, standard } = world;
  const hostileArgs = JSON_VALUES.map(([label, json]) => ({ label: `argument=${label}`, argsJson: `[${json}]` }));
  const registration = { name: "Hostile key", response: REGISTRATION };
  return [
    { name: "registrationOptionsAction", path: "/verify/enroll/security-key", identities: [anonymous, world.pendingEnroll], cases: casesAt(["Key"], [at(0)]) },
    {
      name: "registerSecurityKeyAction",
      path: "/verify/enroll/security-key",
      identities: [anonymous, world.pendingEnroll],
      cases: casesAt([registration], REGISTRATION_PATHS),
    },
    // Its only input is the pending cookie: a real one would start a ceremony, so only hostile ones.
    { name: "securityKeyOptionsAction", path: "/verify/security-key", identities: [anonymous, admin, ...world.hostilePendingCookies], cases: hostileArgs },
    {
      name: "verifySecurityKeyAction",
      path: "/verify/security-key",
      identities: [anonymous, world.pendingKey],
      cases: casesAt([AUTHENTICATION], AUTHENTICATION_PATHS),
    },
    // The admin has no key: "not allowed for this session", with any arguments.
    { name: "stepUpKeyOptionsAction", path: "/verify/step-up", identities: [anonymous, admin, ...world.hostileSessionCookies], cases: hostileArgs },
    // Its `next` is read only after a verified key answer, like the step-up forms'.
    {
      name: "stepUpKeyAction",
      path: "/verify/step-up",
      identities: [anonymous, admin],
      cases: casesAt([AUTHENTICATION, "/setup/users"], AUTHENTICATION_PATHS),
    },
    { name: "addKeyOptionsAction", path: "/account/security/add-key", identities: [anonymous, admin], cases: casesAt(["Key"], [at(0)]) },
    { name: "addKeyAction", path: "/account/security/add-key", identities: [anonymous, admin], cases: casesAt([registration], REGISTRATION_PATHS) },
    // Form actions without fields: the previous state is their only input. Signed in, they would
    // go ahead (new recovery codes, other sessions ended), so a Standard session (step-up first)
    // and hostile cookies instead of the admin's.
    {
      name: "regenerateRecoveryCodesAction",
      path: "/account/security",
      identities: [anonymous, standard, ...world.hostileSessionCookies],
      cases: [],
      prevStateOnly: true,
    },
    { name: "endOtherSessionsAction", path: "/account/security", identities: [anonymous, ...world.hostileSessionCookies], cases: [], prevStateOnly: true },
    // Logging out answers nothing; with the admin's cookie it would end the spec's session.
    { name: "logoutAction", path: "/login", identities: [anonymous, ...world.hostileSessionCookies], cases: hostileArgs, messageless: true },
  ];
}

export const HOSTILE_PREV_STATES: [label: string, json: string][] = [
  ["previous state=NUL", JSON.stringify("a\u0000b")],
  ["previous state=600 KB", JSON.stringify(TEXT_600_KB)],
  ["previous state=array", "[1,2]"],
];
