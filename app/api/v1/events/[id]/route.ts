import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { getEventOperation } from "@/lib/api/v1/event-operations";

export const GET = apiRoute(getEventOperation);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
