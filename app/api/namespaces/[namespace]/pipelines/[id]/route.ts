import { route } from "@/lib/http/route";
import { deletePipeline, getPipeline, pipelineParams as params } from "@/lib/services/pipelines";

export const GET = route({ params }, async ({ actor, params }) => getPipeline(actor, params.namespace, params.id));

export const DELETE = route({ params }, async ({ actor, params }) => deletePipeline(actor, params.namespace, params.id));
