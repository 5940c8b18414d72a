// Who may read Berth's metrics (lib/metrics.ts holds them).
import { timingSafeEqual } from "node:crypto";
import { resolveActor } from "../auth/actor";
import { msg } from "../domain/messages";
import { AppError } from "../errors";
import { metrics } from "../metrics";

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The metrics for whoever may read them: Prometheus with `Authorization: Bearer
 * $BERTH_METRICS_TOKEN` (when that is set), or a platform admin (session or API token).
 */
export async function readMetrics(h: Headers): Promise<{ text: string; contentType: string }> {
  const scrapeToken = process.env.BERTH_METRICS_TOKEN;
  if (!(scrapeToken && same(h.get("authorization") ?? "", `Bearer ${scrapeToken}`))) {
    const actor = await resolveActor(h);
    if (!actor) throw new AppError("unauthenticated", msg("signIn"));
    if (!actor.user.platformAdmin) throw new AppError("forbidden", msg("adminsOnlyMetrics"));
  }
  const { registry } = metrics();
  return { text: await registry.metrics(), contentType: registry.contentType };
}
