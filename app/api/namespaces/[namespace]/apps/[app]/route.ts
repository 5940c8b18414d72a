import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { deleteInput, getApp, remove } from "@/lib/services/apps";

export const GET = route({ params }, async ({ actor, params }) => getApp(actor, params.namespace, params.app));

export const DELETE = route({ params, body: deleteInput }, async ({ actor, params, body }) => remove(actor, params.namespace, params.app, body));
