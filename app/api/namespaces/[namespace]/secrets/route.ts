import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { configListQuery, createSecret, listConfig, secretInput } from "@/lib/services/config";

/** Names, types, keys and sizes: never a value. */
export const GET = route({ params, query: configListQuery }, async ({ actor, params, query }) => listConfig(actor, params.namespace, "Secret", query.cursor));

export const POST = route({ params, body: secretInput }, async ({ actor, params, body }) => Response.json(await createSecret(actor, params.namespace, body), { status: body.dryRun ? 200 : 201 }));
