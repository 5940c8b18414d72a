import { route } from "@/lib/http/route";
import { secretParams as params } from "@/lib/http/params";
import { deleteConfig, getSecret, secretEdit, updateSecret } from "@/lib/services/config";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "One Secret: its keys and sizes and the apps that use it, never its values", zh: "密钥详情：键与大小及使用它的应用，不含值" }, response: A.secret }, params }, async ({ actor, params }) => getSecret(actor, params.namespace, params.name));

/** Only the changed keys: `{ set, remove, resourceVersion, dryRun }`. */
export const PUT = route({ doc: { summary: { en: "Change, add or remove a Secret's keys", zh: "修改、添加或删除密钥的键" }, response: A.secretSaved }, params, body: secretEdit }, async ({ actor, params, body }) => updateSecret(actor, params.namespace, params.name, body));

export const DELETE = route({ doc: { summary: { en: "Delete a Secret", zh: "删除密钥" } }, params }, async ({ actor, params }) => deleteConfig(actor, params.namespace, "Secret", params.name));
