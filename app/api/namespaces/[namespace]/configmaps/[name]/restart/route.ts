import { route } from "@/lib/http/route";
import { configParams as params } from "@/lib/http/params";
import { restartUsers } from "@/lib/services/config";

/** Rolling restart of the apps that use this ConfigMap. */
export const POST = route({ params }, async ({ actor, params }) => restartUsers(actor, params.namespace, "ConfigMap", params.name));
