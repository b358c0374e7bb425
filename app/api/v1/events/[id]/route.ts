import { apiRoute } from "@/lib/http/api-route";
import { getEventOperation } from "@/lib/api/v1/event-operations";

export const GET = apiRoute(getEventOperation);
