import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { applyYaml, getYaml, yamlInput } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The app's objects as YAML", zh: "应用对象的 YAML" }, response: A.yaml }, params }, async ({ actor, params }) => getYaml(actor, params.namespace, params.app));

export const PUT = route({ doc: { summary: { en: "Apply edited YAML to the app (dry run first shows the diff)", zh: "应用编辑后的 YAML（可先试运行查看差异）" }, response: A.diffs }, params, body: yamlInput }, async ({ actor, params, body }) => applyYaml(actor, params.namespace, params.app, body));
