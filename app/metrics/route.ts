// Prometheus metrics (lib/metrics.ts): Prometheus with BERTH_METRICS_TOKEN, or a platform admin.
import { direct } from "@/lib/http/direct.mjs";
import { errorResponse } from "@/lib/http/route";
import { readMetrics } from "@/lib/services/metrics";

export const dynamic = "force-dynamic";

export const GET = direct(async (req: Request): Promise<Response> => {
  try {
    const m = await readMetrics(req.headers);
    return new Response(m.text, { headers: { "content-type": m.contentType } });
  } catch (e) {
    return errorResponse(e);
  }
});
