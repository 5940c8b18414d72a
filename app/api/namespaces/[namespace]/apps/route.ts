import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { deploy, deployInput, listNamespaceApps, listQuery } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The namespace's apps, a page at a time", zh: "命名空间内的应用（分页）" }, response: A.apps }, params, query: listQuery }, ({ actor, params, query }) => listNamespaceApps(actor, params.namespace, query));

export const POST = route({ doc: { summary: { en: "Deploy an app from an image (201; 200 for a dry run or a check only)", zh: "从镜像部署应用（试运行或仅检查时返回 200）" }, status: [201, 200] }, params, body: deployInput }, async ({ actor, params, body }) => {
  const out = await deploy(actor, params.namespace, body);
  return Response.json(out, { status: body.dryRun || body.checkOnly ? 200 : 201 });
});
