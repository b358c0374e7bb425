import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { testWebhookOperation } from "@/lib/api/v1/webhook-operations";

export const POST = apiRoute(testWebhookOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
