import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { createPipeline, listPipelines, pipelineInput } from "@/lib/services/pipelines";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The namespace's pipelines", zh: "命名空间内的流水线" }, response: A.pipelines }, params }, async ({ actor, params }) => listPipelines(actor, params.namespace));

/** Answers the webhook secret once. */
export const POST = route({ doc: { summary: { en: "Create a pipeline (a Git webhook or CI upload builds the image)", zh: "创建流水线（由 Git Webhook 或 CI 上传触发构建）" }, status: 201, response: A.pipelineMade }, params, body: pipelineInput }, async ({ actor, params, body }) => Response.json(await createPipeline(actor, params.namespace, body), { status: 201 }));
