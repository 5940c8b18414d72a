import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { buildListQuery, createBuild, listBuilds } from "@/lib/services/builds";

export const dynamic = "force-dynamic";

export const GET = route({ params, query: buildListQuery }, async ({ actor, params, query }) => listBuilds(actor, params.namespace, query));

/** multipart/form-data: the fields, then the file (streamed to disk, never buffered). */
export const POST = route({ params }, async ({ actor, params, req }) => Response.json(await createBuild(actor, params.namespace, req), { status: 201 }));
