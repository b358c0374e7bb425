// A8: what an admin may set on a user, as zod schemas shared by the forms and (later) the API.
import { z } from "zod";
import { plainText } from "@/lib/api/text";

/** Extra permissions an admin assigns per user (T3); the console ones come with the profile. */
export const ASSIGNABLE_EXTRA_PERMISSIONS = ["MFA_FOR_UI_LOGINS", "API_ONLY"] as const;

export const userFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the user's name.")
    .max(120, "Keep the name under 120 characters.")
    .refine(...plainText("name")),
  profileId: z.uuid("Pick a profile."),
  extraPermissions: z.array(z.enum(ASSIGNABLE_EXTRA_PERMISSIONS)).default([]),
});

export const createUserSchema = userFieldsSchema.extend({
  username: z
    .string()
    .max(254, "That username is too long.")
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter the username as an email address, e.g. jane@acme.test.").max(254)),
});

export type UserFields = z.infer<typeof userFieldsSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
