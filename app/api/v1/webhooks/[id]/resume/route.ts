import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { resumeWebhookOperation } from "@/lib/api/v1/webhook-operations";

export const POST = apiRoute(resumeWebhookOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
