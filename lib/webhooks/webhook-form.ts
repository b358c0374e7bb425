// How the Setup > Webhooks form's fields become the API's JSON body (B8): "All activities" is an
// empty list; "Chosen" needs at least one; the status select says true or false.
import { formSchema } from "@/lib/api/form-adapter";
import { firstFieldErrors } from "@/lib/api/first-field-errors";
import { createWebhookBody } from "./webhook-schemas";

const createForm = formSchema(createWebhookBody);

export interface WebhookFormValues {
  url: string;
  description: string;
  scope: string;
  activities: string[];
  active: string;
}

export function webhookFormValues(formData: FormData): WebhookFormValues {
  return {
    url: String(formData.get("url") ?? ""),
    description: String(formData.get("description") ?? ""),
    scope: String(formData.get("scope") ?? "all"),
    activities: formData.getAll("activities").map(String),
    active: String(formData.get("active") ?? "true"),
  };
}

export function parseWebhookForm(values: WebhookFormValues) {
  const parsed = createForm.safeParse({
    url: values.url,
    description: values.description,
    active: values.active,
    activities: values.scope === "chosen" ? values.activities : [],
  });
  if (parsed.success && values.scope === "chosen" && parsed.data.activities.length === 0) {
    return {
      success: false as const,
      fieldErrors: { activities: "Pick at least one activity, or choose All activities." } as Record<string, string | undefined>,
    };
  }
  return parsed.success ? { success: true as const, data: parsed.data } : { success: false as const, fieldErrors: firstFieldErrors(parsed.error) };
}
