// Readiness: the database and the cluster are reachable (lib/health.ts). Anyone gets ready /
// not ready; platform admins also get each system's state with the reason.
import { resolveActor } from "@/lib/auth/actor";
import { readinessFor } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const admin = await resolveActor().then((a) => a?.user.platformAdmin === true, () => false);
  const r = await readinessFor(admin);
  return Response.json(r, { status: r.ready ? 200 : 503 });
}
