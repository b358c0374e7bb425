// B8: the signing secret of an endpoint, in the Standard Webhooks form `whsec_<base64 of 32
// random bytes>`. Shown once; stored AES-256-GCM encrypted and bound to its endpoint's id (a
// ciphertext copied onto another endpoint fails to decrypt).
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/security/encryption";

const SECRET_BYTES = 32;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString("base64")}`;
}

const aad = (endpointId: string) => `webhook-endpoint:${endpointId}`;

export function sealWebhookSecret(secret: string, endpointId: string): string {
  return encryptSecret(secret, { aad: aad(endpointId) });
}

export function openWebhookSecret(ciphertext: string, endpointId: string): string {
  return decryptSecret(ciphertext, { aad: aad(endpointId) });
}
