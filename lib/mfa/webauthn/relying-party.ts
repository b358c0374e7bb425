// SPEC L5: who the browser believes it is talking to. Every credential is scoped to the RP ID
// (a key registered for console.example.com never signs for another site), and the browser writes
// the page's origin into each response, so a response relayed from a look-alike site is refused.
// Both come from configuration, never from request headers: a Host header is whatever the client
// sends. Defaults follow NEXTAUTH_URL, so a local `npm start` needs no setting.
import { config } from "@/lib/config";

export interface RelyingParty {
  /** Shown by the browser and the authenticator while registering. */
  name: string;
  /** A domain, no scheme or port: the page's host or a parent domain of it. */
  id: string;
  /** Scheme, host and port of the console's pages, e.g. https://console.example.com. */
  origin: string;
}

export const RP_NAME = config.productName;

/** Resolves the relying party from explicit settings, falling back to the console's public URL. */
export function resolveRelyingParty(settings: { appUrl: string; rpId?: string; origin?: string }): RelyingParty {
  const source = settings.origin ?? settings.appUrl;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new Error(`WebAuthn origin "${source}" is not a URL (set MFA_WEBAUTHN_ORIGIN or NEXTAUTH_URL, e.g. https://console.example.com)`);
  }
  const host = url.hostname.toLowerCase();
  const id = (settings.rpId ?? host).trim().toLowerCase();
  // Browsers refuse an RP ID that is neither the page's host nor a parent domain of it; failing
  // here names the setting instead of leaving every user with an opaque SecurityError.
  if (id !== host && !host.endsWith(`.${id}`)) {
    throw new Error(`MFA_WEBAUTHN_RP_ID "${id}" must be "${host}" or a parent domain of it`);
  }
  return { name: RP_NAME, id, origin: url.origin };
}

export function relyingParty(): RelyingParty {
  return resolveRelyingParty({ appUrl: config.appUrl, rpId: config.webauthnRpId, origin: config.webauthnOrigin });
}

// ---- What this relying party asks of authenticators -------------------------------------------

/** ES256 and RS256 (COSE -7, -257): between them every security key and platform authenticator. */
export const SUPPORTED_ALGORITHM_IDS = [-7, -257];

/**
 * How long the browser waits for the person to touch the key. Well inside the challenge's
 * lifetime (challenge-store.ts), so a response that arrives in time always finds its challenge.
 */
export const CEREMONY_TIMEOUT_MS = 60_000;

/**
 * The WebAuthn user handle: the user's UUID as 16 bytes — stable, so a passkey registered again
 * for the same account replaces the old one on the authenticator, and no personal data.
 */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replace(/-/g, ""), "hex"));
}
