import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { changeImage, imageInput } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const PUT = route({ doc: { summary: { en: "Change the app's image (a rolling update)", zh: "更换应用镜像（滚动更新）" }, response: A.appSummary }, params, body: imageInput }, async ({ actor, params, body }) => changeImage(actor, params.namespace, params.app, body));
