import { route } from "@/lib/http/route";
import { namespaceLimits, updateLimits } from "@/lib/services/teams";

export const PUT = route({ doc: { summary: { en: "Change a namespace's quota and container defaults", zh: "修改命名空间配额与容器默认值" } }, body: namespaceLimits }, async ({ actor, params, body }) => updateLimits(actor, params.team, params.namespace, body));
