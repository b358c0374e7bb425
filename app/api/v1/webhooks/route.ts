import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { createWebhookOperation, listWebhooksOperation } from "@/lib/api/v1/webhook-operations";

export const GET = apiRoute(listWebhooksOperation);
export const POST = apiRoute(createWebhookOperation);
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
