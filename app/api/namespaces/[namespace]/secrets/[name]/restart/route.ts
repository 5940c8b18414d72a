import { route } from "@/lib/http/route";
import { secretParams as params } from "@/lib/http/params";
import { restartUsers } from "@/lib/services/config";

/** Rolling restart of the apps that use this Secret (environment variables only change on restart). */
export const POST = route({ params }, async ({ actor, params }) => restartUsers(actor, params.namespace, "Secret", params.name));
