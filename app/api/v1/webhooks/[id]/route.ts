import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { getWebhookOperation, updateWebhookOperation } from "@/lib/api/v1/webhook-operations";

export const GET = apiRoute(getWebhookOperation);
export const PUT = apiRoute(updateWebhookOperation);
export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
