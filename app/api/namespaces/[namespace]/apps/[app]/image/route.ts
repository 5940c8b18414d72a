import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { changeImage, imageInput } from "@/lib/services/apps";

export const PUT = route({ params, body: imageInput }, async ({ actor, params, body }) => changeImage(actor, params.namespace, params.app, body));
