import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { listUsersOperation } from "@/lib/api/v1/user-operations";

export const GET = apiRoute(listUsersOperation);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
