// A8: what an admin may set on a user, as zod schemas shared by the forms and (later) the API.
import { z } from "zod";

/** Extra permissions an admin assigns per user (T3); the console ones come with the profile. */
export const ASSIGNABLE_EXTRA_PERMISSIONS = ["MFA_FOR_UI_LOGINS", "API_ONLY"] as const;

export const userFieldsSchema = z.object({
  name: z.string().trim().min(1, "Enter the user's name.").max(120, "Keep the name under 120 characters."),
  profileId: z.uuid("Pick a profile."),
  extraPermissions: z.array(z.enum(ASSIGNABLE_EXTRA_PERMISSIONS)).default([]),
});

export const createUserSchema = userFieldsSchema.extend({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter the username as an email address, e.g. jane@acme.test.").max(254)),
});

export type UserFields = z.infer<typeof userFieldsSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
