import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { scale, scaleInput } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const PUT = route({ doc: { summary: { en: "Scale the app to a number of replicas", zh: "调整应用副本数" }, response: A.scaled }, params, body: scaleInput }, async ({ actor, params, body }) => scale(actor, params.namespace, params.app, body));
