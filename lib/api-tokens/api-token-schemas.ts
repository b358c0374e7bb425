// What Setup > API Tokens (and the API's own docs) accept for a new token (SPEC P1).
import { z } from "zod";
import { plainText } from "@/lib/api/text";

/** The permissions a token may carry: the console ones; MFA_FOR_UI_LOGINS and API_ONLY mean nothing for a token. */
export const API_TOKEN_SCOPES = ["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** How the token list names a scope in a narrow column (the full names are on the form). */
export const SCOPE_SHORT_LABELS: Record<string, string> = { MANAGE_USERS: "Users", MANAGE_MFA: "MFA", VIEW_VERIFICATION_ACTIVITY: "History" };

/** Choices of expiry, in days; "never" for none. 90 is what the form offers first. */
export const API_TOKEN_EXPIRY_CHOICES = ["30", "90", "365", "never"] as const;
export const API_TOKEN_DEFAULT_EXPIRY = "90";

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token, e.g. after the system that uses it.")
    .max(80, "Keep the name under 80 characters.")
    .refine(...plainText("name")),
  actingUserId: z.uuid("Pick the user the token acts as."),
  scopes: z.array(z.enum(API_TOKEN_SCOPES, "Pick scopes from the list.")).min(1, "Pick at least one scope.").max(API_TOKEN_SCOPES.length),
  expiresInDays: z.enum(API_TOKEN_EXPIRY_CHOICES, "Pick an expiry from the list."),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
