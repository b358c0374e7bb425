import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { expireTempCodeOperation } from "@/lib/api/v1/mfa-operations";

export const DELETE = apiRoute(expireTempCodeOperation);
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
