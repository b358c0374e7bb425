import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { listMethodsOperation } from "@/lib/api/v1/user-operations";

export const GET = apiRoute(listMethodsOperation);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
