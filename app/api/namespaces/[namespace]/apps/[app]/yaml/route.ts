import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { applyYaml, getYaml, yamlInput } from "@/lib/services/apps";

export const GET = route({ params }, async ({ actor, params }) => getYaml(actor, params.namespace, params.app));

export const PUT = route({ params, body: yamlInput }, async ({ actor, params, body }) => applyYaml(actor, params.namespace, params.app, body));
