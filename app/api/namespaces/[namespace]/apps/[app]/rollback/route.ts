import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { rollbackInput, rollbackTo } from "@/lib/services/apps";

export const POST = route({ params, body: rollbackInput }, async ({ actor, params, body }) => rollbackTo(actor, params.namespace, params.app, body));
