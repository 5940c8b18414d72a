import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { installInput, installRelease, listReleases } from "@/lib/services/releases";
import { answers as A } from "@/lib/http/answers";

export const dynamic = "force-dynamic";

export const GET = route({ doc: { summary: { en: "The namespace's releases from the marketplace", zh: "命名空间内从应用市场安装的应用" }, response: A.releases }, params }, async ({ actor, params }) => listReleases(actor, params.namespace));

export const POST = route({ doc: { summary: { en: "Install a template from the marketplace (201; 200 for a dry run)", zh: "从应用市场安装模板（试运行返回 200）" }, status: [201, 200] }, params, body: installInput }, async ({ actor, params, body }) => {
  const out = await installRelease(actor, params.namespace, body);
  return Response.json(out, { status: body.dryRun ? 200 : 201 });
});
