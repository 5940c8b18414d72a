import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { streamNamespace, streamQuery } from "@/lib/services/apps";

export const dynamic = "force-dynamic";

export const GET = route({ doc: { summary: { en: "Live changes of the namespace's apps, pods and events, as one event stream", zh: "命名空间内应用、Pod 与事件的实时变化（单一事件流）" }, produces: { type: "text/event-stream", description: "Server-sent events: a snapshot, then changes; `status` events while the cluster cannot be reached." } }, params, query: streamQuery }, async ({ actor, params, query, req }) => {
  const body = await streamNamespace(actor, params.namespace, query, req.signal);
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" } });
});
