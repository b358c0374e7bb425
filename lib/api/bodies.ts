// JSON-first bodies of the MFA rescue, shared by the REST API (which documents them) and the
// console's forms (through lib/api/form-adapter.ts): one set of rules and messages for both.
import { z } from "zod";
import { idSchema, reasonSchema } from "./fields";

export const reasonBody = z.object({ reason: reasonSchema });

export const tempCodeTermsBody = z.object({
  expiresInHours: z
    .number("Pick a number of hours.")
    .int("Pick a whole number of hours.")
    .min(1, "Pick at least 1 hour.")
    .max(24, "Pick at most 24 hours.")
    .meta({ description: "Within the org's longest expiry (S4)." }),
  maxUses: z
    .number("Pick a number of uses.")
    .int("Pick a whole number of uses.")
    .min(1, "At least 1 use.")
    .max(100, "At most 100 uses.")
    .nullable()
    .optional()
    .meta({ description: "null or absent: unlimited until it expires (B2)." }),
  reason: reasonSchema,
});

export const methodRef = z.object({ userId: idSchema, methodType: z.enum(["TOTP", "WEBAUTHN"]), methodId: idSchema });
