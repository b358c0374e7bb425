import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { getUserOperation } from "@/lib/api/v1/user-operations";

export const GET = apiRoute(getUserOperation);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
