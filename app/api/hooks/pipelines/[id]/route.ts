// A Git host's push webhook: no session, the signature is the credential (lib/services/pipelines.ts).
import { errorResponse } from "@/lib/http/route";
import { receiveWebhook } from "@/lib/services/pipelines";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return await receiveWebhook((await ctx.params).id, req);
  } catch (e) {
    return errorResponse(e);
  }
}
