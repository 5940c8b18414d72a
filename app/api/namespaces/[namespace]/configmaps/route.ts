import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { configListQuery, configMapInput, createConfigMap, listConfig } from "@/lib/services/config";

export const GET = route({ params, query: configListQuery }, async ({ actor, params, query }) => listConfig(actor, params.namespace, "ConfigMap", query.cursor));

/** `dryRun: true` answers the diff without saving. */
export const POST = route({ params, body: configMapInput }, async ({ actor, params, body }) => Response.json(await createConfigMap(actor, params.namespace, body), { status: body.dryRun ? 200 : 201 }));
