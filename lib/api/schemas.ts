// zod schemas shared by forms, server actions and (later) the REST API.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { plainText } from "./text";

export const usernameSchema = z.string().trim().min(1, "Enter your username.").max(254, "That username is too long.").refine(...plainText("username"));

export const loginSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH, "That password is too long."),
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

export const idSchema = z.uuid("Not a valid id.");

/** B3: Generate, Disconnect and Reset MFA need a reason, kept in the event. */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, "Enter a reason: it is kept in the verification history.")
  .max(500, "Keep the reason under 500 characters.")
  .refine(...plainText("reason", { multiline: true }));

export const generateTempCodeSchema = z.object({
  userId: idSchema,
  expiresInHours: z.coerce.number().int("Pick a whole number of hours.").min(1, "Pick at least 1 hour.").max(24, "Pick at most 24 hours."),
  // "" = unlimited (B2).
  maxUses: z.preprocess((v) => (v === "" || v === "unlimited" || v == null ? null : v), z.coerce.number().int().min(1).max(100).nullable()),
  reason: reasonSchema,
});

export const disconnectMethodSchema = z.object({
  userId: idSchema,
  methodType: z.enum(["TOTP", "WEBAUTHN"]),
  methodId: idSchema,
  reason: reasonSchema,
});
