import { route } from "@/lib/http/route";
import { deletePipeline, getPipeline, pipelineParams as params } from "@/lib/services/pipelines";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "One pipeline with its recent runs", zh: "流水线详情与最近运行" }, response: A.pipeline }, params }, async ({ actor, params }) => getPipeline(actor, params.namespace, params.id));

export const DELETE = route({ doc: { summary: { en: "Delete a pipeline", zh: "删除流水线" } }, params }, async ({ actor, params }) => deletePipeline(actor, params.namespace, params.id));
