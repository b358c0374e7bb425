// What Setup > Webhooks and the REST API accept for an endpoint (B8): JSON-first, read from forms
// through lib/api/form-adapter.ts, so both say the same things.
import { z } from "zod";
import type { ActivityKind } from "@db/generated";
import { plainText } from "@/lib/api/text";
import { ACTIVITY_LABELS } from "@/lib/activity/kinds";
import { WEBHOOK_URL_MAX_LENGTH } from "./url-guard";

export const WEBHOOK_ACTIVITIES = Object.keys(ACTIVITY_LABELS) as [ActivityKind, ...ActivityKind[]];

const url = z
  .string("Enter the endpoint's address.")
  .trim()
  .min(1, "Enter the endpoint's address, starting with https://.")
  .max(WEBHOOK_URL_MAX_LENGTH, `Keep the address under ${WEBHOOK_URL_MAX_LENGTH} characters.`)
  .refine(...plainText("address"))
  .meta({
    description: "Where events are POSTed: https:// (http://localhost only with MFA_WEBHOOKS_ALLOW_LOCALHOST=1).",
    example: "https://siem.example.com/hooks/mfa",
  });

const description = z
  .string("Describe the endpoint.")
  .trim()
  .max(200, "Keep the description under 200 characters.")
  .refine(...plainText("description"))
  .meta({ description: "What receives the events, e.g. the SIEM's name.", example: "Splunk HEC" });

const activities = z
  .array(z.enum(WEBHOOK_ACTIVITIES, "Pick activities from the list."))
  .max(WEBHOOK_ACTIVITIES.length, "Pick activities from the list.")
  .meta({ description: "The activities delivered; empty: every activity." });

export const createWebhookBody = z.object({
  url,
  description: description.default(""),
  activities: activities.default([]),
  active: z.boolean("Say whether the endpoint is active.").default(true).meta({ description: "false: added paused." }),
});
export type CreateWebhookInput = z.output<typeof createWebhookBody>;

export const updateWebhookBody = z.object({ url, description: description.default(""), activities: activities.default([]) });
export type UpdateWebhookInput = z.output<typeof updateWebhookBody>;

export const DELIVERY_STATUS_FILTERS = ["PENDING", "DELIVERED", "FAILED"] as const;
