import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { resetUserMfaOperation } from "@/lib/api/v1/mfa-operations";

export const PUT = apiRoute(resetUserMfaOperation);
export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
