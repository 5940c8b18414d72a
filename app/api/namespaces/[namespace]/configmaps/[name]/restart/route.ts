import { route } from "@/lib/http/route";
import { configParams as params } from "@/lib/http/params";
import { restartUsers } from "@/lib/services/config";
import { answers as A } from "@/lib/http/answers";

/** Rolling restart of the apps that use this ConfigMap. */
export const POST = route({ doc: { summary: { en: "Restart the apps that use this ConfigMap", zh: "重启使用此配置的应用" }, response: A.restarted }, params }, async ({ actor, params }) => restartUsers(actor, params.namespace, "ConfigMap", params.name));
