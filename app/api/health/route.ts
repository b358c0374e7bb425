// Liveness: the process answers. Never touches the database (a Postgres outage must not get
// healthy processes restarted); readiness is /api/ready.
import { healthResponse } from "@/lib/http/readiness";

export const dynamic = "force-dynamic";
export const GET = () => healthResponse(true);
