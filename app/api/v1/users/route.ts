import { apiRoute } from "@/lib/http/api-route";
import { listUsersOperation } from "@/lib/api/v1/user-operations";

export const GET = apiRoute(listUsersOperation);
