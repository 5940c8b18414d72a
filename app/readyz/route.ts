// Readiness: the database and the cluster are reachable (lib/health.ts). Anyone gets ready /
// not ready; platform admins also get each system's state with the reason.
import { resolveActor } from "@/lib/auth/actor";
import { promised } from "@/lib/maybe";
import { readinessFor } from "@/lib/health";
import { direct } from "@/lib/http/direct.mjs";

export const dynamic = "force-dynamic";

export const GET = direct(async (req: Request) => {
  const admin = await promised(() => resolveActor(req.headers)).then((a) => a?.user.platformAdmin === true, () => false);
  const r = await readinessFor(admin);
  return Response.json(r, { status: r.ready ? 200 : 503 });
});
