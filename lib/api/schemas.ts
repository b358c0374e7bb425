// zod schemas shared by forms, server actions and (later) the REST API.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";

export const usernameSchema = z.string().trim().min(1, "Enter your username.").max(254, "That username is too long.");

export const loginSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH, "That password is too long."),
});

/** A 6-digit authenticator code; spaces (as apps display "123 456") are ignored. */
export const totpCodeSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));
