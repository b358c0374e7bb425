import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { revokeSessionsOperation } from "@/lib/api/v1/account-operations";

export const POST = apiRoute(revokeSessionsOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
