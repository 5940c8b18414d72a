import { route } from "@/lib/http/route";
import { secretParams as params } from "@/lib/http/params";
import { deleteConfig, getSecret, secretEdit, updateSecret } from "@/lib/services/config";

export const GET = route({ params }, async ({ actor, params }) => getSecret(actor, params.namespace, params.name));

/** Only the changed keys: `{ set, remove, resourceVersion, dryRun }`. */
export const PUT = route({ params, body: secretEdit }, async ({ actor, params, body }) => updateSecret(actor, params.namespace, params.name, body));

export const DELETE = route({ params }, async ({ actor, params }) => deleteConfig(actor, params.namespace, "Secret", params.name));
