// Prometheus metrics (lib/metrics.ts). Scraped with `Authorization: Bearer $BERTH_METRICS_TOKEN`
// (set it to let Prometheus in), or read by a platform admin (session or API token).
import { timingSafeEqual } from "node:crypto";
import { resolveActor } from "@/lib/auth/actor";
import { msg } from "@/lib/domain/messages";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";
import { metrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function GET(req: Request): Promise<Response> {
  try {
    const scrapeToken = process.env.BERTH_METRICS_TOKEN;
    const auth = req.headers.get("authorization") ?? "";
    if (!(scrapeToken && same(auth, `Bearer ${scrapeToken}`))) {
      const actor = await resolveActor();
      if (!actor) throw new AppError("unauthenticated", msg("signIn"));
      if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyMetrics"));
    }
    const { registry } = metrics();
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
  } catch (e) {
    return errorResponse(e);
  }
}
