import { route } from "@/lib/http/route";
import { namespaceParams as params } from "@/lib/http/params";
import { listPods, podsQuery } from "@/lib/services/apps";
import { answers as A } from "@/lib/http/answers";

export const GET = route({ doc: { summary: { en: "The namespace's pods, a page at a time", zh: "命名空间内的 Pod（分页）" }, response: A.pods }, params, query: podsQuery }, ({ actor, params, query }) => listPods(actor, params.namespace, query));
