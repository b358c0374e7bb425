// B8's SSRF guard. A webhook makes the console send requests to an address an administrator typed,
// from inside the network it runs in: without this, an endpoint at 169.254.169.254 or 10.0.0.5
// turns the console into a reader of cloud metadata and internal services. The rule holds twice:
// when the endpoint is saved, and at every send on the address actually connected to (a name may
// resolve elsewhere by then — DNS rebinding). No redirect is ever followed (./send.ts).
//
// Local development (config.webhooksAllowLocalhost) additionally allows http:// and loopback.
import dns from "node:dns/promises";
import net from "node:net";
import type { ErrorCode } from "@/lib/errors";

export interface UrlPolicy {
  allowLocalhost: boolean;
}

export const WEBHOOK_URL_MAX_LENGTH = 2048;

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

// Every range a public receiver can't be in: this host, private networks, carrier-grade NAT,
// link-local (which holds the cloud metadata address 169.254.169.254), multicast, reserved, and
// their IPv6 counterparts (unique-local fc00::/7 holds AWS's fd00:ec2::254).
const NEVER = new net.BlockList();
for (const [subnet, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3],
] as const)
  NEVER.addSubnet(subnet, prefix, "ipv4");
for (const [subnet, prefix] of [
  ["::", 127],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NEVER.addSubnet(subnet, prefix, "ipv6");
}

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function normalize(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: net.isIPv6(address) ? "ipv6" : "ipv4" };
}

/** Why this address may not be called, or null when it may. */
export function refusedAddress(address: string, policy: UrlPolicy): string | null {
  const a = normalize(address);
  if (policy.allowLocalhost && LOOPBACK.check(a.address, a.family)) return null;
  if (NEVER.check(a.address, a.family)) return `${address} is a loopback, private, link-local or reserved address`;
  return null;
}

const LOCAL_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The URL's own rules: absolute, https (http only to localhost in development), no credentials. */
export function checkUrlSyntax(raw: string, policy: UrlPolicy): { ok: true; url: URL } | { ok: false; code: ErrorCode } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: "WEBHOOK_URL_INVALID" };
  }
  const httpAllowed = policy.allowLocalhost && url.protocol === "http:" && LOCAL_NAMES.has(url.hostname);
  if (url.protocol !== "https:" && !httpAllowed) return { ok: false, code: "WEBHOOK_URL_INVALID" };
  // Credentials in the address would be shown in Setup and logged; the signature authenticates.
  if (url.username || url.password || !url.hostname) return { ok: false, code: "WEBHOOK_URL_INVALID" };
  return { ok: true, url };
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Every address the host resolves to now, each checked; the first refusal wins. */
export async function resolveAllowed(
  host: string,
  policy: UrlPolicy,
): Promise<{ ok: true; addresses: { address: string; family: number }[] } | { ok: false; code: ErrorCode; detail: string }> {
  const literal = net.isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await dns.lookup(host, { all: true, verbatim: true });
    } catch {
      return { ok: false, code: "WEBHOOK_URL_UNRESOLVED", detail: `${host} could not be resolved` };
    }
  }
  for (const a of addresses) {
    const refused = refusedAddress(a.address, policy);
    if (refused) return { ok: false, code: "WEBHOOK_URL_REFUSED", detail: refused };
  }
  return { ok: true, addresses };
}

/** What can be judged without a lookup: the syntax, and an address written as such. */
export function precheckEndpointUrl(raw: string, policy: UrlPolicy): { ok: true } | { ok: false; code: ErrorCode } {
  const syntax = checkUrlSyntax(raw, policy);
  if (!syntax.ok) return syntax;
  const host = hostOf(syntax.url);
  return net.isIP(host) && refusedAddress(host, policy) ? { ok: false, code: "WEBHOOK_URL_REFUSED" } : { ok: true };
}

/** On save: the syntax, then what the host resolves to today. */
export async function checkEndpointUrl(raw: string, policy: UrlPolicy): Promise<{ ok: true; url: string } | { ok: false; code: ErrorCode }> {
  const syntax = checkUrlSyntax(raw, policy);
  if (!syntax.ok) return syntax;
  const resolved = await resolveAllowed(hostOf(syntax.url), policy);
  if (!resolved.ok) return { ok: false, code: resolved.code };
  return { ok: true, url: syntax.url.toString() };
}

/**
 * At send time, for http.request's `lookup`: resolves, refuses the whole name if any address is
 * refused, and hands over only checked addresses, so the connection goes where the check looked.
 */
export function guardedLookup(policy: UrlPolicy): net.LookupFunction {
  return ((hostname: string, options: { all?: boolean } | number | undefined, callback: (...args: unknown[]) => void) => {
    resolveAllowed(hostname.replace(/^\[|\]$/g, ""), policy).then(
      (r) => {
        if (!r.ok) return callback(Object.assign(new Error(r.detail), { code: r.code === "WEBHOOK_URL_REFUSED" ? "EADDRREFUSED_BY_POLICY" : "ENOTFOUND" }));
        const all = typeof options === "object" && options?.all;
        if (all) return callback(null, r.addresses);
        callback(null, r.addresses[0]!.address, r.addresses[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as net.LookupFunction;
}

export { hostOf };
