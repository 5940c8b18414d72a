import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { createPipeline, listPipelines, pipelineInput } from "@/lib/services/pipelines";

export const GET = route({ params }, async ({ actor, params }) => listPipelines(actor, params.namespace));

/** Answers the webhook secret once. */
export const POST = route({ params, body: pipelineInput }, async ({ actor, params, body }) => Response.json(await createPipeline(actor, params.namespace, body), { status: 201 }));
