import { apiRoute } from "@/lib/http/api-route";
import { bulkResetMfaOperation } from "@/lib/api/v1/mfa-operations";

export const PUT = apiRoute(bulkResetMfaOperation);
