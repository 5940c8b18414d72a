import { route } from "@/lib/http/route";
import { configParams as params } from "@/lib/http/params";
import { configMapInput, deleteConfig, getConfigMap, updateConfigMap } from "@/lib/services/config";

const update = configMapInput.omit({ name: true });

export const GET = route({ params }, async ({ actor, params }) => getConfigMap(actor, params.namespace, params.name));

export const PUT = route({ params, body: update }, async ({ actor, params, body }) => updateConfigMap(actor, params.namespace, params.name, body));

export const DELETE = route({ params }, async ({ actor, params }) => deleteConfig(actor, params.namespace, "ConfigMap", params.name));
