// An event's detail as labelled sentences (issue 12): "Longest temporary code expiry: 12 h → 24 h",
// "Reason: …", "Filters: User = Alice Smith (alice@acme.test), Status = Failed". Every key a writer
// of recordEvent uses has a label and a format here; a key nobody taught this file still reads as
// "Key: value", never as JSON. User ids are shown as names from `users`, which the caller reads in
// one org-scoped query per page (./detail-user-names.ts); an id it doesn't hold is "Unknown user".
import type { ActivityKind, ApprovalAction, Permission, SessionLevel } from "@db/generated";
import { PERMISSION_LABELS } from "@/lib/users/permissions";
import { ACTIVITY_LABELS, LOGIN_METHOD_LABELS, METHOD_LABELS, STATUS_LABELS } from "./kinds";
import { countText, humanizeKey, isInstant, isRecord, plainValue, safeText, utcText, type Json } from "./detail-values";
import { SETTING_FIELDS } from "./setting-fields";

export interface DetailPart {
  label: string;
  text: string;
  /** Set when the value is one instant: the page shows it in the reader's time zone, `text` is UTC. */
  at?: string;
}
export type DetailUsers = ReadonlyMap<string, { name: string; username: string }>;

type Formatted = string | Omit<DetailPart, "label">;
type Format = (value: Json, users: DetailUsers) => Formatted;
/** null: an internal id nobody can look up from the page; it stays in the raw JSON. */
type Field = { label: string; format?: Format } | null;

/** A hostile detail with thousands of keys still renders as a short list. */
export const DETAIL_PARTS_MAX = 30;
export const UNKNOWN_USER = "Unknown user";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: Json): v is string => typeof v === "string" && UUID.test(v);

const APPROVAL_LABELS: Record<ApprovalAction, string> = {
  RESET_MFA: "Reset MFA",
  DISCONNECT_METHOD: "Disconnect a verification method",
  TEMP_CODE: "Temporary verification code",
  RESET_PASSWORD: "Reset password",
};
const LEVEL_LABELS: Record<SessionLevel, string> = { STANDARD: "Standard", HIGH_ASSURANCE: "High Assurance" };
const NEXT_STEP_LABELS: Record<string, string> = { session: "Logged in (no second factor asked)", ENROLL: "Register a verification method" };
const PURPOSE_LABELS: Record<string, string> = { "new-user": "First password of a new account", "password-reset": "New password after a reset" };
const DEVICE_LABELS: Record<string, string> = { singleDevice: "Security key (this device only)", multiDevice: "Passkey (synced)" };

/** A label by a stored value: own keys only, so "constructor" or "__proto__" in a detail is just text. */
function labelOf(labels: Record<string, string>, v: unknown): string | undefined {
  return typeof v === "string" && Object.hasOwn(labels, v) ? labels[v] : undefined;
}
const fieldOf = <T>(fields: Record<string, T>, key: string): T | undefined => (Object.hasOwn(fields, key) ? fields[key] : undefined);

// plainValue's second parameter is a depth: never hand it the users map.
const plain: Format = (v) => plainValue(v);
const fromMap =
  (labels: Record<string, string>): Format =>
  (v) =>
    labelOf(labels, v) ?? plainValue(v);
const listOf =
  (labels: Record<string, string>): Format =>
  (v) =>
    Array.isArray(v) ? (v.length ? plainValue(v.map((x) => labelOf(labels, x) ?? x)) : "none") : plainValue(v);
const time: Format = (v) => (isInstant(v) ? { text: utcText(v), at: v } : plainValue(v));
const count =
  (one: string, many: string): Format =>
  (v) =>
    countText(v, one, many);
const yesNo: Format = (v) => (typeof v === "boolean" ? (v ? "Yes" : "No") : plainValue(v));

export function userText(id: Json, users: DetailUsers): string {
  if (!isUuid(id)) return plainValue(id); // a label such as "operator (CLI)"
  const user = users.get(id.toLowerCase());
  return user ? `${safeText(user.name, 120)} (${safeText(user.username, 120)})` : UNKNOWN_USER;
}

const FILTER_FIELDS: Record<string, { label: string; format: Format }> = {
  user: { label: "User", format: userText },
  activity: { label: "Activity", format: fromMap(ACTIVITY_LABELS) },
  method: { label: "Method", format: fromMap(METHOD_LABELS) },
  status: { label: "Status", format: fromMap(STATUS_LABELS) },
  from: { label: "From", format: plain },
  to: { label: "To", format: plain },
  tz: { label: "Time zone", format: plain },
};
const filters: Format = (v, users) => {
  if (!isRecord(v)) return plainValue(v);
  const set = Object.entries(v).filter(([, x]) => x !== null && x !== undefined && x !== "");
  if (set.length === 0) return "none (the whole history)";
  return safeText(
    set.map(([k, x]) => `${fieldOf(FILTER_FIELDS, k)?.label ?? humanizeKey(k)} = ${(fieldOf(FILTER_FIELDS, k)?.format ?? plain)(x, users)}`).join(", "),
  );
};

// In reading order — what and who, the terms, the reason, then the outcome — as the parts come
// out (jsonb keeps keys in an order of its own); unknown keys last.
const FIELDS: Record<string, Field> = {
  action: { label: "Request", format: fromMap(APPROVAL_LABELS) },
  requestedById: { label: "Requested by", format: userText },
  decision: { label: "Decision", format: fromMap({ approved: "Approved", denied: "Denied" }) },
  endpoint: { label: "Endpoint", format: (v) => (isRecord(v) ? plainValue(v.url) : plainValue(v)) },
  filters: { label: "Filters", format: filters },
  format: { label: "Format", format: (v) => (typeof v === "string" ? safeText(v).toUpperCase() : plainValue(v)) },
  name: { label: "Name" },
  key: { label: "Key used" },
  factor: { label: "App used" },
  type: { label: "Method", format: fromMap(METHOD_LABELS) },
  deviceType: { label: "Kind of key", format: fromMap(DEVICE_LABELS) },
  profile: { label: "Profile" },
  requiredLevelAtLogin: { label: "Required level at login", format: fromMap(LEVEL_LABELS) },
  extraPermissions: { label: "Extra permissions", format: listOf(PERMISSION_LABELS satisfies Record<Permission, string>) },
  purpose: { label: "Purpose", format: fromMap(PURPOSE_LABELS) },
  operation: { label: "Operation" },
  route: { label: "Request" },
  status: { label: "Answered", format: (v) => (typeof v === "number" ? `HTTP ${v}` : plainValue(v)) },
  via: {
    label: "Via",
    format: (v) => (isRecord(v) ? `API token “${plainValue(v.name)}”` : v === "registration" ? "Registering the method at login" : plainValue(v)),
  },
  description: { label: "Description" },
  activities: { label: "Events sent", format: (v) => (Array.isArray(v) && v.length === 0 ? "All events" : listOf(ACTIVITY_LABELS)(v, new Map())) },
  active: { label: "Active", format: yesNo },
  changed: { label: "Changed", format: (v) => (Array.isArray(v) ? plainValue(v.map((k) => (typeof k === "string" ? humanizeKey(k) : k))) : plainValue(v)) },
  expiresInHours: { label: "Valid for", format: (v) => (typeof v === "number" ? `${v} h` : plainValue(v)) },
  expiresAt: { label: "Expires", format: (v) => (v === null ? "Never" : time(v, new Map())) },
  maxUses: { label: "Uses allowed", format: (v) => (v === null ? "Unlimited" : plainValue(v)) },
  prefix: { label: "Token prefix" },
  scopes: { label: "Scopes" },
  browser: { label: "Browser" },
  ip: { label: "IP address" },
  loginMethod: { label: "Logged in with", format: fromMap(LOGIN_METHOD_LABELS) },
  reason: { label: "Reason" },
  why: { label: "Why" },
  next: { label: "Next step", format: (v) => labelOf(METHOD_LABELS, v) ?? fromMap(NEXT_STEP_LABELS)(v, new Map()) },
  userVerified: { label: "User verified on the key", format: yesNo },
  remaining: { label: "Recovery codes left", format: count("code", "codes") },
  remainingMethods: { label: "Methods left", format: count("method", "methods") },
  count: { label: "Codes", format: count("code", "codes") },
  unusedReplaced: { label: "Unused codes replaced", format: count("code", "codes") },
  authenticatorApps: { label: "Authenticator apps removed", format: count("app", "apps") },
  securityKeys: { label: "Security keys removed", format: count("key", "keys") },
  recoveryCodes: { label: "Recovery codes removed", format: count("code", "codes") },
  tempCodesExpired: { label: "Temporary codes expired", format: count("code", "codes") },
  sessions: { label: "Sessions ended", format: count("session", "sessions") },
  sessionsRevoked: { label: "Sessions ended", format: count("session", "sessions") },
  otherSessionsEnded: { label: "Other sessions ended", format: count("session", "sessions") },
  failedAttempts: { label: "Failed attempts", format: count("attempt", "attempts") },
  lockedUntil: { label: "Locked until", format: time },
  limit: { label: "Limit" },
  retryAt: { label: "Retry after", format: time },
  highAssuranceUntil: { label: "High Assurance until", format: time },
  linkExpiresAt: { label: "Activation link valid until", format: time },
  activationLinkExpiresAt: { label: "Activation link valid until", format: time },
  previousValidUntil: { label: "Previous secret valid until", format: time },
  by: { label: "Done by", format: (v) => (v === "self" ? "The user, from My security" : plainValue(v)) },
  all: { label: "Part of", format: (v) => (v === true ? "Ending all other sessions" : plainValue(v)) },
  deliveryId: { label: "Delivery ID" },
  eventId: { label: "Event ID" },
  id: null,
  requestId: null,
  sessionId: null,
};

const FIELD_ORDER = new Map(Object.keys(FIELDS).map((k, i) => [k, i]));
const SETTING_ORDER = new Map(Object.keys(SETTING_FIELDS).map((k, i) => [k, i]));

const isChange = (v: Json): v is { from: Json; to: Json } => isRecord(v) && "from" in v && "to" in v && Object.keys(v).length === 2;

function part(label: string, formatted: Formatted): DetailPart {
  return typeof formatted === "string" ? { label, text: formatted } : { label, ...formatted };
}

function changePart(label: string, change: { from: Json; to: Json }, format: Format, users: DetailUsers): DetailPart {
  const text = (v: Json) => {
    const f = format(v, users);
    return typeof f === "string" ? f : f.text;
  };
  return { label, text: `${text(change.from)} → ${text(change.to)}` };
}

export function describeDetail(opts: { activity: ActivityKind; detail: Json; users?: DetailUsers }): DetailPart[] {
  const { activity, detail } = opts;
  const users = opts.users ?? new Map();
  if (detail === null || detail === undefined) return [];
  if (!isRecord(detail)) return [{ label: "Detail", text: plainValue(detail) }];
  // A rename writes the change itself as the detail: { from, to }.
  if (isChange(detail)) return [changePart(activity === "METHOD_RENAMED" ? "Name" : "Changed", detail, plain, users)];
  const parts: DetailPart[] = [];
  // Settings first (in the form's order) when settings changed, then the known keys, then the rest.
  const settingRank = (key: string) => (activity === "SETTINGS_CHANGED" ? (SETTING_ORDER.get(key) ?? SETTING_ORDER.size) : 0);
  const rank = (key: string) => settingRank(key) * (FIELD_ORDER.size + 1) + (FIELD_ORDER.get(key) ?? FIELD_ORDER.size);
  const entries = Object.entries(detail).sort(([a], [b]) => rank(a) - rank(b));
  for (const [key, value] of entries.slice(0, DETAIL_PARTS_MAX)) {
    const setting = activity === "SETTINGS_CHANGED" ? fieldOf(SETTING_FIELDS, key) : undefined;
    const field = setting ?? fieldOf(FIELDS, key) ?? (Object.hasOwn(FIELDS, key) ? null : { label: humanizeKey(key) });
    if (field === null) continue;
    const format = field.format ?? plain;
    parts.push(isChange(value) ? changePart(field.label, value, format, users) : part(field.label, format(value, users)));
  }
  if (entries.length > DETAIL_PARTS_MAX) parts.push({ label: "More", text: `${entries.length - DETAIL_PARTS_MAX} more values in the raw JSON` });
  return parts;
}

/** The user ids a detail names (export filters, a request's requester): read in one query per page. */
export function detailUserIds(detail: Json): string[] {
  if (!isRecord(detail)) return [];
  const ids = [isRecord(detail.filters) ? detail.filters.user : undefined, detail.requestedById];
  return ids.filter(isUuid).map((id) => id.toLowerCase());
}

/** One line for the history table: "Label: text; Label: text". */
export function detailSummary(parts: DetailPart[]): string {
  return parts.map((p) => `${p.label}: ${p.text}`).join("; ");
}
