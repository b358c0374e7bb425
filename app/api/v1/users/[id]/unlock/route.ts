import { apiRoute } from "@/lib/http/api-route";
import { unlockUserOperation } from "@/lib/api/v1/account-operations";

export const POST = apiRoute(unlockUserOperation);
