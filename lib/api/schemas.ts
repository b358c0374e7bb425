// zod schemas shared by forms, server actions and the REST API.
import { z } from "zod";
import { LOGIN_PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { plainText } from "./text";
import { formSchema } from "./form-adapter";
import { methodRef, reasonBody, tempCodeTermsBody } from "./bodies";
import { idSchema, reasonSchema } from "./fields";

export { idSchema, reasonSchema };

export const usernameSchema = z
  .string()
  .trim()
  .min(1, "Enter your username.")
  .max(254, "That username is too long.")
  .refine(...plainText("username"));

export const loginSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, "Enter your password.").max(LOGIN_PASSWORD_MAX_LENGTH, "That password is too long."),
});

/** A 6-digit authenticator code; spaces (as apps display "123 456") are ignored. */
export const totpCodeSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** A recovery code as printed ("abcd-efgh-jkmn"); case, spaces and dashes are ignored. */
export const recoveryCodeSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]+/g, "").toLowerCase())
  .pipe(z.string().regex(/^[0-9a-z]{12}$/, "Enter one of your recovery codes, like abcd-efgh-jkmn."));

/** An 8-digit temporary verification code; spaces are ignored. */
export const tempCodeSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{8}$/, "Enter the 8-digit code your administrator gave you."));

// The console's forms, derived from the JSON-first bodies the REST API documents (lib/api/bodies.ts).
export const generateTempCodeSchema = formSchema(tempCodeTermsBody.extend({ userId: idSchema }));
export const disconnectMethodSchema = formSchema(methodRef.extend({ reason: reasonSchema }));
export const resetMfaSchema = formSchema(reasonBody.extend({ userId: idSchema }));
// W2: the same shape as Reset MFA — the user and a reason.
export const resetPasswordSchema = resetMfaSchema;
