import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { unlockUserOperation } from "@/lib/api/v1/account-operations";

export const POST = apiRoute(unlockUserOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
