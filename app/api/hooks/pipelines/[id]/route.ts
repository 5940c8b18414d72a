// A Git host's push webhook: no session, the signature is the credential (lib/services/pipelines.ts).
import { errorResponse } from "@/lib/http/route";
import { documented } from "@/lib/http/openapi";
import { answers as A } from "@/lib/http/answers";
import { receiveWebhook } from "@/lib/services/pipelines";

export const dynamic = "force-dynamic";

export const POST = documented(
  {
    summary: { en: "A Git host's push webhook: builds the pipeline's image from the pushed commit", zh: "Git 推送 Webhook：按推送的提交构建流水线镜像" },
    auth: "signature",
    status: 202,
    response: A.webhook,
    consumes: { type: "application/json", description: "The Git host's push event (GitHub, Gitea or GitLab), signed with the pipeline's webhook secret." },
  },
  async (req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> => {
    try {
      return await receiveWebhook((await ctx.params).id, req);
    } catch (e) {
      return errorResponse(e);
    }
  },
);
