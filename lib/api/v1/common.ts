// Pieces every REST operation shares: ids in paths, page sizes, cursors, reasons (SPEC P2).
import { z } from "zod";
import { reasonSchema } from "@/lib/api/fields";

export const DEMO_USER_ID_EXAMPLE = "6f1c2a9e-3b4d-4c5e-8f70-91a2b3c4d5e6";

export const userIdParam = z.object({
  id: z.uuid("Not a valid user id.").meta({ description: "The user's id (Setup > Users, or GET /users).", example: DEMO_USER_ID_EXAMPLE }),
});

export const API_PAGE_MAX = 200;
export const API_PAGE_DEFAULT = 50;

export const limitParam = z.coerce
  .number("Give the page size as a number.")
  .int("Give a whole number.")
  .min(1, "At least 1.")
  .max(API_PAGE_MAX, `At most ${API_PAGE_MAX}.`)
  .default(API_PAGE_DEFAULT)
  .meta({ description: `Page size, 1–${API_PAGE_MAX}.`, example: API_PAGE_DEFAULT });

export const cursorParam = z
  .string()
  .max(512, "Not a cursor of this API.")
  .regex(/^[A-Za-z0-9_-]+$/, "Not a cursor of this API.")
  .optional()
  .meta({ description: "`nextCursor` of the previous page." });

export const apiReason = reasonSchema.meta({
  description: "Why: kept in the Identity Verification History (B3).",
  example: "Lost phone, identity confirmed by a video call",
});

export const isoDateTime = z.iso.datetime();
