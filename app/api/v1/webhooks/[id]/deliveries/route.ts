import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { listWebhookDeliveriesOperation } from "@/lib/api/v1/webhook-operations";

export const GET = apiRoute(listWebhookDeliveriesOperation);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
