// The fields every schema builds on (forms, actions, the REST API): ids and reasons.
import { z } from "zod";
import { plainText } from "./text";

export const idSchema = z.uuid("Not a valid id.");

/**
 * B3: Generate, Disconnect and Reset MFA need a reason, kept in the event. A form's empty field
 * arrives as absent (lib/api/form-adapter.ts): it too says what to do, not zod's "expected string".
 */
export const reasonSchema = z
  .string("Enter a reason: it is kept in the verification history.")
  .trim()
  .min(1, "Enter a reason: it is kept in the verification history.")
  .max(500, "Keep the reason under 500 characters.")
  .refine(...plainText("reason", { multiline: true }));
