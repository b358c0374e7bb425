import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { bulkResetMfaOperation } from "@/lib/api/v1/mfa-operations";

export const PUT = apiRoute(bulkResetMfaOperation);
export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
