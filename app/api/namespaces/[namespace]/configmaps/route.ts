import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { configListQuery, configMapInput, createConfigMap, listConfig } from "@/lib/services/config";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The namespace's ConfigMaps, a page at a time", zh: "命名空间内的配置（分页）" }, response: A.configs }, params, query: configListQuery }, async ({ actor, params, query }) => listConfig(actor, params.namespace, "ConfigMap", query.cursor));

/** `dryRun: true` answers the diff without saving. */
export const POST = route({ doc: { summary: { en: "Create a ConfigMap (201; 200 for a dry run)", zh: "创建配置（试运行返回 200）" }, status: [201, 200] }, params, body: configMapInput }, async ({ actor, params, body }) => Response.json(await createConfigMap(actor, params.namespace, body), { status: body.dryRun ? 200 : 201 }));
