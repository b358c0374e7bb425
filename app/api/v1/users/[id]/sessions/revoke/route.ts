import { apiRoute } from "@/lib/http/api-route";
import { revokeSessionsOperation } from "@/lib/api/v1/account-operations";

export const POST = apiRoute(revokeSessionsOperation);
