// Readiness: the database and the cluster are reachable, each reported with the reason when not.
import { readiness } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const r = await readiness();
  return Response.json(r, { status: r.ready ? 200 : 503 });
}
