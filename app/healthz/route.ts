// Liveness: the process is up and serving. Checks nothing else on purpose.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
