import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { scale, scaleInput } from "@/lib/services/apps";

export const PUT = route({ params, body: scaleInput }, async ({ actor, params, body }) => scale(actor, params.namespace, params.app, body));
