import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { disconnectMethodOperation } from "@/lib/api/v1/account-operations";

export const DELETE = apiRoute(disconnectMethodOperation);
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
