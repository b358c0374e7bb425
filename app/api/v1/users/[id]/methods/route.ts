import { apiRoute } from "@/lib/http/api-route";
import { listMethodsOperation } from "@/lib/api/v1/user-operations";

export const GET = apiRoute(listMethodsOperation);
