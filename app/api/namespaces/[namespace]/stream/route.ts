import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { streamNamespace, streamQuery } from "@/lib/services/apps";

export const dynamic = "force-dynamic";

export const GET = route({ params, query: streamQuery }, async ({ actor, params, query, req }) => {
  const body = await streamNamespace(actor, params.namespace, query, req.signal);
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" } });
});
