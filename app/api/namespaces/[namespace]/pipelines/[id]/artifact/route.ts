import { route } from "@/lib/http/route";
import { pipelineParams as params, uploadArtifact } from "@/lib/services/pipelines";

export const dynamic = "force-dynamic";

/** multipart/form-data with `file`: the pipeline's new latest artifact (streamed to disk), then a run → 202 `{ build }`. */
export const POST = route({ params }, async ({ actor, params, req }) => Response.json(await uploadArtifact(actor, params.namespace, params.id, req), { status: 202 }));
