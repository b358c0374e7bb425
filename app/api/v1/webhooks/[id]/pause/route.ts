import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { pauseWebhookOperation } from "@/lib/api/v1/webhook-operations";

export const POST = apiRoute(pauseWebhookOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
