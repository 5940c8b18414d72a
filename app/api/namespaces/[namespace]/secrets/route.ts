import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { configListQuery, createSecret, listConfig, secretInput } from "@/lib/services/config";
import { answers as A } from "@/lib/http/answers";

/** Names, types, keys and sizes: never a value. */
export const GET = route({ doc: { summary: { en: "The namespace's Secrets, a page at a time (names and keys only)", zh: "命名空间内的密钥（分页，仅名称与键）" }, response: A.configs }, params, query: configListQuery }, async ({ actor, params, query }) => listConfig(actor, params.namespace, "Secret", query.cursor));

export const POST = route({ doc: { summary: { en: "Create a Secret (201; 200 for a dry run)", zh: "创建密钥（试运行返回 200）" }, status: [201, 200] }, params, body: secretInput }, async ({ actor, params, body }) => Response.json(await createSecret(actor, params.namespace, body), { status: body.dryRun ? 200 : 201 }));
