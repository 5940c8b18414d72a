// Prometheus metrics (lib/metrics.ts): Prometheus with BERTH_METRICS_TOKEN, or a platform admin.
import { errorResponse } from "@/lib/http/route";
import { readMetrics } from "@/lib/services/metrics";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const m = await readMetrics(req.headers.get("authorization"));
    return new Response(m.text, { headers: { "content-type": m.contentType } });
  } catch (e) {
    return errorResponse(e);
  }
}
