import { unknownApiRoute } from "@/lib/http/api-route";

export { unknownApiRoute as GET, unknownApiRoute as POST, unknownApiRoute as PUT, unknownApiRoute as PATCH, unknownApiRoute as DELETE };
