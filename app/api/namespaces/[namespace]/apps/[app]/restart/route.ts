import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { restart } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const POST = route({ doc: { summary: { en: "Restart the app's pods one by one", zh: "逐个重启应用的 Pod" }, response: A.appSummary }, params }, async ({ actor, params }) => restart(actor, params.namespace, params.app));
