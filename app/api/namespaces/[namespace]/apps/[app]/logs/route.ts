import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { appLogs, followAppLogs, logsQuery } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const dynamic = "force-dynamic";

export const GET = route({ doc: { summary: { en: "The app's logs: recent lines, or followed as an event stream", zh: "应用日志：最近的行，或以事件流持续跟随" }, response: A.logs, produces: { type: "text/event-stream", description: "Unless follow=0: server-sent events, one per log line, as the pods write them." } }, params, query: logsQuery }, async ({ actor, params, query, req }) => {
  if (query.follow === "0") return appLogs(actor, params.namespace, params.app, query);
  const body = await followAppLogs(actor, params.namespace, params.app, query, req.signal);
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" } });
});
