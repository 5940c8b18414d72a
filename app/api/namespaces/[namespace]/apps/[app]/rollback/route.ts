import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { rollbackInput, rollbackTo } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const POST = route({ doc: { summary: { en: "Roll the app back to an earlier revision", zh: "将应用回滚到之前的版本" }, response: A.appSummary }, params, body: rollbackInput }, async ({ actor, params, body }) => rollbackTo(actor, params.namespace, params.app, body));
