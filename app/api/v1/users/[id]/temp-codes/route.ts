import { apiRoute } from "@/lib/http/api-route";
import { generateTempCodeOperation } from "@/lib/api/v1/mfa-operations";

export const POST = apiRoute(generateTempCodeOperation);
