import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { resetPasswordOperation } from "@/lib/api/v1/password-operations";

export const POST = apiRoute(resetPasswordOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
