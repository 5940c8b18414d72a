import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { deploy, deployInput, listNamespaceApps, listQuery } from "@/lib/services/apps";

export const GET = route({ params, query: listQuery }, async ({ actor, params, query }) => listNamespaceApps(actor, params.namespace, query));

export const POST = route({ params, body: deployInput }, async ({ actor, params, body }) => {
  const out = await deploy(actor, params.namespace, body);
  return Response.json(out, { status: body.dryRun ? 200 : 201 });
});
