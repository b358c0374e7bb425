import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { meOperation } from "@/lib/api/v1/token-operations";

export const GET = apiRoute(meOperation);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
