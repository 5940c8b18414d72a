import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { listPods, podsQuery } from "@/lib/services/apps";

export const GET = route({ params, query: podsQuery }, async ({ actor, params, query }) => listPods(actor, params.namespace, query));
