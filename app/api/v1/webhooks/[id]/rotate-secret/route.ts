import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { rotateWebhookSecretOperation } from "@/lib/api/v1/webhook-operations";

export const POST = apiRoute(rotateWebhookSecretOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
