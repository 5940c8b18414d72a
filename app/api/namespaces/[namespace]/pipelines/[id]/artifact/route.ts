import { route } from "@/lib/http/route";
import { pipelineParams as params, uploadArtifact } from "@/lib/services/pipelines";
import { answers as A } from "@/lib/http/answers";

export const dynamic = "force-dynamic";

/** multipart/form-data with `file`: the pipeline's new latest artifact (streamed to disk), then a run → 202 `{ build }`. */
export const POST = route({ doc: { summary: { en: "Upload a CI job's artifact to the pipeline: it builds and can update the app", zh: "向流水线上传 CI 产物：构建并可更新应用" }, status: 202, response: A.artifactAccepted, consumes: { type: "application/octet-stream", description: "The jar, war or context archive, streamed." } }, params }, async ({ actor, params, req }) => Response.json(await uploadArtifact(actor, params.namespace, params.id, req), { status: 202 }));
