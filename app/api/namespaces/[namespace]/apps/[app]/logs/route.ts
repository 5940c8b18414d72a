import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { appLogs, followAppLogs, logsQuery } from "@/lib/services/apps";

export const dynamic = "force-dynamic";

export const GET = route({ params, query: logsQuery }, async ({ actor, params, query, req }) => {
  if (query.follow === "0") return appLogs(actor, params.namespace, params.app, query);
  const body = await followAppLogs(actor, params.namespace, params.app, query, req.signal);
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" } });
});
