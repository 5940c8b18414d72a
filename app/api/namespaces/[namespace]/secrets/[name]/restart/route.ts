import { route } from "@/lib/http/route";
import { secretParams as params } from "@/lib/http/params";
import { restartUsers } from "@/lib/services/config";
import { answers as A } from "@/lib/http/answers";

/** Rolling restart of the apps that use this Secret (environment variables only change on restart). */
export const POST = route({ doc: { summary: { en: "Restart the apps that use this Secret", zh: "重启使用此密钥的应用" }, response: A.restarted }, params }, async ({ actor, params }) => restartUsers(actor, params.namespace, "Secret", params.name));
