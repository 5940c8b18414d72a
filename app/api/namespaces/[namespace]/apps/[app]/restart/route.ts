import { route } from "@/lib/http/route";
import { appParams as params } from "@/lib/http/params";
import { restart } from "@/lib/services/apps";

export const POST = route({ params }, async ({ actor, params }) => restart(actor, params.namespace, params.app));
