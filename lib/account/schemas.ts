// What the "My security" forms may send, checked before any lib call. Only ids of the caller's
// own rows make sense here; the lib calls scope every change to the session's user anyway.
import { z } from "zod";
import { plainText } from "@/lib/api/text";

export const METHOD_NAME_MAX_LENGTH = 60;

/** The name a person gives an authenticator app or key, to tell them apart. */
export const methodNameSchema = z
  .string()
  .trim()
  .min(1, "Give it a name.")
  .max(METHOD_NAME_MAX_LENGTH, `Use at most ${METHOD_NAME_MAX_LENGTH} characters.`)
  .refine(...plainText("name"));

export const methodRefSchema = z.object({
  kind: z.enum(["TOTP", "WEBAUTHN"]),
  methodId: z.uuid(),
});

export const renameMethodSchema = methodRefSchema.extend({ name: methodNameSchema });

export const sessionRefSchema = z.object({ sessionId: z.uuid() });
