import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { installInput, installRelease, listReleases } from "@/lib/services/releases";

export const dynamic = "force-dynamic";

export const GET = route({ params }, async ({ actor, params }) => listReleases(actor, params.namespace));

export const POST = route({ params, body: installInput }, async ({ actor, params, body }) => {
  const out = await installRelease(actor, params.namespace, body);
  return Response.json(out, { status: body.dryRun ? 200 : 201 });
});
