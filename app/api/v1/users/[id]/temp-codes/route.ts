import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { generateTempCodeOperation } from "@/lib/api/v1/mfa-operations";

export const POST = apiRoute(generateTempCodeOperation);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
