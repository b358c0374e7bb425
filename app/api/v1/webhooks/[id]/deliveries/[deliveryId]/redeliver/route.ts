import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { redeliverWebhookOperation } from "@/lib/api/v1/webhook-operations";

export const POST = apiRoute(redeliverWebhookOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
