import { apiRoute, otherMethods } from "@/lib/http/api-route";
import { listEventsOperation } from "@/lib/api/v1/event-operations";

export const GET = apiRoute(listEventsOperation);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
