import { apiRoute } from "@/lib/http/api-route";
import { disconnectMethodOperation } from "@/lib/api/v1/account-operations";

export const DELETE = apiRoute(disconnectMethodOperation);
