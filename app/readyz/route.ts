// Readiness: the database and the cluster are reachable. Anyone gets ready / not ready;
// platform admins also get each system's state with the reason (addresses, database names),
// and the reasons are written to the console's log when they change (lib/health.ts).
import { resolveActor } from "@/lib/auth/actor";
import { readiness } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const r = await readiness();
  const admin = await resolveActor().then((a) => a?.user.platformAdmin === true, () => false);
  return Response.json(admin ? r : { ready: r.ready }, { status: r.ready ? 200 : 503 });
}
