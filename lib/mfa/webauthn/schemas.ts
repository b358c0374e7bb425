// What the browser may send to the WebAuthn actions, checked before any of it reaches a verifier:
// the key's name, and the JSON that @simplewebauthn/browser makes of a ceremony's result. Bounds
// are generous for real authenticators and keep a hostile request from feeding megabytes to CBOR.
import { z } from "zod";
import { plainText } from "@/lib/api/text";

export const DEFAULT_KEY_NAME = "Security key";
export const KEY_NAME_MAX_LENGTH = 60;

/** The name a person gives a key, so they can tell their keys apart on "My security". */
export const keyNameSchema = z
  .string()
  .trim()
  .min(1, "Give this key a name.")
  .max(KEY_NAME_MAX_LENGTH, `Use at most ${KEY_NAME_MAX_LENGTH} characters.`)
  .refine(...plainText("name"));

const base64url = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .regex(/^[A-Za-z0-9_-]*={0,2}$/);
// WebAuthn caps credential ids at 1023 bytes: 1364 base64url characters.
const credentialId = base64url(1364).min(1);
const publicKeyCredentialType = z.literal("public-key");
const attachment = z.enum(["platform", "cross-platform"]).optional();
// Only credProps is read (never trusted: the authenticator flags are); anything else is dropped.
const clientExtensionResults = z.object({ credProps: z.object({ rk: z.boolean().optional() }).optional() });

export const registrationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: publicKeyCredentialType,
  authenticatorAttachment: attachment,
  clientExtensionResults,
  response: z.object({
    clientDataJSON: base64url(8192),
    attestationObject: base64url(32768),
    authenticatorData: base64url(16384).optional(),
    transports: z
      .array(
        z
          .string()
          .max(32)
          .regex(/^[a-z-]*$/),
      )
      .max(16)
      .optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(4096).optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: publicKeyCredentialType,
  authenticatorAttachment: attachment,
  clientExtensionResults,
  response: z.object({
    clientDataJSON: base64url(8192),
    authenticatorData: base64url(16384),
    signature: base64url(2048),
    userHandle: base64url(128).optional(),
  }),
});

export type RegistrationResponse = z.infer<typeof registrationResponseSchema>;
export type AuthenticationResponse = z.infer<typeof authenticationResponseSchema>;
