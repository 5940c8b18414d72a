import { route } from "@/lib/http/route";
import { configParams as params } from "@/lib/http/params";
import { configMapInput, deleteConfig, getConfigMap, updateConfigMap } from "@/lib/services/config";
import { answers as A } from "@/lib/http/answers";

const update = configMapInput.omit({ name: true });

export const GET = route({ doc: { summary: { en: "One ConfigMap with its data and the apps that use it", zh: "配置详情：数据与使用它的应用" }, response: A.configMap }, params }, async ({ actor, params }) => getConfigMap(actor, params.namespace, params.name));

export const PUT = route({ doc: { summary: { en: "Change a ConfigMap's data", zh: "修改配置数据" }, response: A.diffs }, params, body: update }, async ({ actor, params, body }) => updateConfigMap(actor, params.namespace, params.name, body));

export const DELETE = route({ doc: { summary: { en: "Delete a ConfigMap", zh: "删除配置" } }, params }, async ({ actor, params }) => deleteConfig(actor, params.namespace, "ConfigMap", params.name));
